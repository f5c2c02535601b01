import { describe, expect, it } from 'vitest';
import { providerTakes } from './agents';

describe('providerTakes', () => {
  const tigo = { active: true, kinds: ['CASH_IN', 'CASH_OUT'] as const };
  it('an active provider takes the kinds it is configured for', () => {
    expect(providerTakes(tigo, 'TIGO', 'CASH_OUT')).toEqual({ ok: true, value: tigo });
  });

  it('refuses an unknown or inactive provider and a kind it does not take', () => {
    const refused = (kind: string) => ({ ok: false, error: { code: 'AGENT_PROVIDER_UNKNOWN', details: { provider: 'TIGO', kind } } });
    expect(providerTakes(undefined, 'TIGO', 'CASH_IN')).toEqual(refused('CASH_IN'));
    expect(providerTakes({ ...tigo, active: false }, 'TIGO', 'CASH_IN')).toEqual(refused('CASH_IN'));
    expect(providerTakes(tigo, 'TIGO', 'TOP_UP')).toEqual(refused('TOP_UP'));
  });
});
