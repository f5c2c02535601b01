// The cash-session state machine. Invariant: every state change and every ledger write asks `allows` first.
import type { Result } from '../result';
import { fail, ok } from '../result';

export const SESSION_STATUSES = ['OPEN', 'SUSPENDED', 'COUNTING', 'CLOSED', 'TRANSFERRED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const ACTIVE_STATUSES = ['OPEN', 'SUSPENDED', 'COUNTING'] as const satisfies readonly SessionStatus[];

export type SessionAction = 'sell' | 'move' | 'count' | 'close' | 'transfer' | 'suspend' | 'resume';

const ALLOWED: Readonly<Record<SessionAction, readonly SessionStatus[]>> = {
  sell: ['OPEN'],
  move: ['OPEN'],
  count: ['OPEN', 'SUSPENDED', 'COUNTING'],
  close: ['OPEN', 'SUSPENDED', 'COUNTING'],
  transfer: ['OPEN', 'SUSPENDED'],
  suspend: ['OPEN'],
  resume: ['SUSPENDED'],
};

export function isActive(status: SessionStatus): boolean {
  return (ACTIVE_STATUSES as readonly SessionStatus[]).includes(status);
}

export function allows(status: SessionStatus, action: SessionAction): Result<void> {
  return ALLOWED[action].includes(status) ? ok(undefined) : fail('SESSION_STATE', { status, action });
}
