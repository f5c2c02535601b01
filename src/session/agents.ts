// Which banking-agent operations a provider takes. Invariant: only an active provider configured for the kind;
// AGENT_PROVIDER_UNKNOWN is produced here only. (The cash an operation moves is `applyEntry` in ledger.ts; a cash-out's
// limit is cash-out.ts.)
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { AgentKind } from './ledger';

/** The provider when it (undefined: no provider has the `code`) takes an operation of `kind`; AGENT_PROVIDER_UNKNOWN otherwise. */
export function providerTakes<P extends { readonly active: boolean; readonly kinds: readonly AgentKind[] }>(provider: P | undefined, code: string, kind: AgentKind): Result<P> {
  if (!provider || !provider.active || !provider.kinds.includes(kind)) return fail('AGENT_PROVIDER_UNKNOWN', { provider: code, kind });
  return ok(provider);
}
