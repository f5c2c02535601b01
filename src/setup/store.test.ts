import { describe, expect, it } from 'vitest';
import { duplicates, isIanaTimeZone } from './store';

describe('isIanaTimeZone', () => {
  it('knows the zones of the supported countries and refuses made-up names', () => {
    for (const tz of ['America/La_Paz', 'America/Argentina/Buenos_Aires', 'America/Mexico_City', 'Europe/Madrid', 'UTC']) expect(isIanaTimeZone(tz), tz).toBe(true);
    for (const tz of ['', 'Mars/Olympus', 'America/La Paz', ' UTC', 'GMT+25']) expect(isIanaTimeZone(tz), tz).toBe(false);
  });
});

describe('duplicates', () => {
  it('names each repeated code once', () => {
    expect(duplicates(['POS1', 'POS2', 'POS1', 'POS1', 'POS3', 'POS2'])).toEqual(['POS1', 'POS2']);
    expect(duplicates(['A'])).toEqual([]);
  });
});
