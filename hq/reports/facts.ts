// The per-session report facts are computed in the core (src/sync/report-facts.ts) so the engine's tests can check them
// against the register's own Z report; HQ's report layer reads them from here.
export { FALLBACK_TIME_ZONE, branchTimeZone, factsOf } from '../../src/sync/report-facts';
export type { SessionFacts } from '../../src/sync/report-facts';
