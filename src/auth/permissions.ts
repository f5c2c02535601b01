// Roles form a strict ladder (CASHIER < SUPERVISOR < MANAGER < ADMIN); each role holds its own permissions and all below.
// Invariant: permission checks go through `can`, never through role comparisons scattered in handlers.

export const ROLES = ['CASHIER', 'SUPERVISOR', 'MANAGER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'cash:open',
  'cash:close',
  'cash:deposit',
  'cash:withdraw',
  'cash:count',
  'cash:movements',
  'cash:approve_difference',
  'cash:resume',
  'cash:view_expected',
  'cash:view_all',
  'cash:report_all',
  'cash:no_sale',
  'cash:approve_no_sale',
  'sales:create',
  'sales:price_override',
  'sales:void',
  'sales:refund',
  'sales:discount',
  'agents:operate',
  'agents:manage',
  'registers:manage',
  'users:manage',
  'products:manage',
  'store:backup',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The permissions a supervisor's grant can be asked for: exactly those some command consumes a grant for (a grant for
 * anything else would approve nothing and only sit in the table). engine/grants.test.ts holds this list equal to the
 * handlers' `checkGrantId` calls; a command that starts consuming a grant adds its permission here.
 */
export const GRANTABLE_PERMISSIONS = ['cash:open', 'cash:movements', 'cash:approve_difference', 'cash:resume', 'cash:approve_no_sale', 'sales:void', 'sales:refund', 'sales:discount'] as const satisfies readonly Permission[];
export type GrantablePermission = (typeof GRANTABLE_PERMISSIONS)[number];

export function isGrantable(permission: Permission): permission is GrantablePermission {
  return (GRANTABLE_PERMISSIONS as readonly Permission[]).includes(permission);
}

const OWN: Record<Role, readonly Permission[]> = {
  // A cashier opens the drawer with no sale (change for a customer) as in Square and Odoo; each opening needs a reason,
  // is a ledger entry, and a register can ask for a supervisor's `cash:approve_no_sale` grant on every one.
  CASHIER: ['cash:open', 'cash:close', 'cash:deposit', 'cash:withdraw', 'cash:count', 'cash:no_sale', 'sales:create', 'agents:operate'],
  SUPERVISOR: ['cash:movements', 'cash:approve_no_sale', 'cash:approve_difference', 'cash:resume', 'cash:view_expected', 'cash:view_all', 'sales:price_override', 'sales:void', 'sales:refund', 'sales:discount'],
  MANAGER: ['cash:report_all', 'users:manage', 'products:manage', 'agents:manage'],
  ADMIN: ['registers:manage', 'store:backup'],
};

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

const ladder = (role: Role): ReadonlySet<Permission> => new Set(ROLES.slice(0, roleRank(role) + 1).flatMap((r) => OWN[r]));
const BY_ROLE: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  CASHIER: ladder('CASHIER'),
  SUPERVISOR: ladder('SUPERVISOR'),
  MANAGER: ladder('MANAGER'),
  ADMIN: ladder('ADMIN'),
};

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => BY_ROLE[role].has(p));
}

export function can(role: Role, permission: Permission): boolean {
  return BY_ROLE[role].has(permission);
}

/** A user may only create or edit users whose role is not above their own. */
export function mayAssignRole(actor: Role, target: Role): boolean {
  return roleRank(target) <= roleRank(actor);
}
