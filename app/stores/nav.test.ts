import { describe, expect, it } from 'vitest';
import { useNav } from './nav';

describe('nav store', () => {
  it('starts with no screen (the session decides), goes to one and resets', () => {
    expect(useNav.getState().screen).toBeNull();
    useNav.getState().go({ name: 'report', sessionId: 's1' });
    expect(useNav.getState().screen).toEqual({ name: 'report', sessionId: 's1' });
    useNav.getState().go({ name: 'sell' });
    expect(useNav.getState().screen).toEqual({ name: 'sell' });
    useNav.getState().reset();
    expect(useNav.getState().screen).toBeNull();
  });
});
