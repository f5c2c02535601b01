// What a supervisor's approval can be for, as the X/Z reports list them. Invariant: each kind is read from the row the
// approved command wrote (its `authorized_by`/`approved_by`, the RESUMED entry's `approvedBy`, the SALE entry's
// `discountApprovedBy`, the DRAWER_OPENED entry's `authorizedBy`), never from grants.

/**
 * A cash-out or cash-in movement, a void, a refund, a close over tolerance, a resume of a suspended session, a discount
 * above the register's authority, a no-sale drawer opening a supervisor granted.
 */
export const APPROVAL_KINDS = ['WITHDRAWAL', 'DEPOSIT', 'VOID', 'REFUND', 'CLOSE_DIFFERENCE', 'RESUME', 'DISCOUNT', 'NO_SALE'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
