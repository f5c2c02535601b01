// What a register lets its session do, and how a session starts or is handed over. Invariants: sales and refunds only on
// SALES_ONLY or MIXED registers, agent operations only on AGENTS_ONLY or MIXED; an opening with a count opens with the
// counted cash; a handover goes to another active user allowed to open a drawer. Codes produced here:
// REGISTER_SPECIALTY_MISMATCH, OPENING_AMOUNT_MISMATCH, TRANSFER_TARGET_INVALID.
import type { Role } from '../auth/permissions';
import { can } from '../auth/permissions';
import type { Minor } from '../money';
import type { Result } from '../result';
import { fail, ok } from '../result';

export type Specialty = 'SALES_ONLY' | 'AGENTS_ONLY' | 'MIXED';

/** What a register may be used for: selling (sales and refunds) or banking-agent operations. */
export type RegisterUse = 'sales' | 'agents';

/** Whether a register of `specialty` takes `use`; REGISTER_SPECIALTY_MISMATCH `{specialty}` otherwise. */
export function allowsUse(specialty: Specialty, use: RegisterUse): Result<void> {
  const barred = use === 'sales' ? specialty === 'AGENTS_ONLY' : specialty === 'SALES_ONLY';
  return barred ? fail('REGISTER_SPECIALTY_MISMATCH', { specialty }) : ok(undefined);
}

/**
 * The opening float (minor units): the counted cash when a count is given, else the stated amount (default 0). Both
 * given and different: OPENING_AMOUNT_MISMATCH `{openingAmount, counted}`.
 */
export function openingFloat(stated: Minor | undefined, counted: Minor | null): Result<Minor> {
  if (counted === null) return ok(stated ?? 0);
  if (stated !== undefined && stated !== counted) return fail('OPENING_AMOUNT_MISMATCH', { openingAmount: stated, counted });
  return ok(counted);
}

/** The opening float against the previous session's counted closing cash on the same register (minor units). */
export interface OpeningCheck {
  readonly priorClosingAmount: Minor;
  /** opening − prior closing (negative: less than was left). */
  readonly difference: Minor;
  /** The float differs: a flag to show, never a refusal. */
  readonly mismatch: boolean;
}

/** Compares an opening float with what the last sealed session on the register was closed with; null when none was. */
export function openingCheck(openingAmount: Minor, priorClosingAmount: Minor | null): OpeningCheck | null {
  if (priorClosingAmount === null) return null;
  const difference = openingAmount - priorClosingAmount;
  return { priorClosingAmount, difference, mismatch: difference !== 0 };
}

/**
 * Who may take over a drawer: an active user other than the outgoing one, whose role may open a drawer. Returns that
 * user; TRANSFER_TARGET_INVALID `{toUserId}` otherwise (an unknown user included).
 */
export function handoverTarget<U extends { readonly id: string; readonly active: boolean; readonly role: Role }>(incoming: U | undefined, outgoingId: string, toUserId: string): Result<U> {
  if (!incoming || !incoming.active || incoming.id === outgoingId || !can(incoming.role, 'cash:open')) return fail('TRANSFER_TARGET_INVALID', { toUserId });
  return ok(incoming);
}
