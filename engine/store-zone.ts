// The store's IANA time zone as the renderer formats every time with it: the user's branch's, else the first branch's.
// Invariant: one answer per user, so receipts, lists and reports on one screen never mix the PC's zone with the store's.
import type { Db } from '../db';
import { firstBranch, getBranch } from '../db';

/** The IANA zone ("America/La_Paz") of `branchId`'s branch, or of the first branch for a user without one; "UTC" with no branch at all. */
export function storeTimeZone(db: Db, branchId: string | null): string {
  return (branchId === null ? undefined : getBranch(db, branchId))?.timeZone ?? firstBranch(db)?.timeZone ?? 'UTC';
}
