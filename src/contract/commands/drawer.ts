// "Abrir cajón" with no sale: the cash drawer opened by itself, with a reason, by a user who may (`cash:no_sale`) and,
// where the register asks for it, with a supervisor's grant. Every other opening comes with its cash event
// (engine/drawer.ts). Invariant: the opening is a DRAWER_OPENED ledger entry written whether or not the pulse then
// reaches the printer; the print job says whether it did.
import { z } from 'zod';
import { DRAWER_CAUSES, NO_SALE_REASONS } from '../../session/movements';
import { Id, Note, Timestamp } from '../schemas';
import type { Feature } from './define';
import { mutation } from './define';

export const DrawerOpeningSchema = z.object({
  id: Id,
  sessionId: Id,
  cause: z.enum(DRAWER_CAUSES),
  reason: z.enum(NO_SALE_REASONS).nullable(),
  note: z.string().nullable(),
  /** The supervisor whose grant approved it; null when the register needs none. */
  authorizedBy: Id.nullable(),
  openedAt: Timestamp,
  /** This session's openings so far, all causes and with no sale. */
  drawerOpenings: z.int().min(0),
  noSaleOpenings: z.int().min(0),
});

export const DRAWER_COMMANDS = {
  'cash.openDrawer': mutation({
    input: { reason: z.enum(NO_SALE_REASONS), note: Note.optional(), grantId: Id.optional() },
    output: z.object({ opening: DrawerOpeningSchema }),
    auth: true,
    permission: 'cash:no_sale',
    summary:
      '"Abrir cajón" with no sale, in an OPEN session: a reason (OTHER needs a note), a `cash:approve_no_sale` grant where the register has `noSaleNeedsApproval`; refused when the register has no drawer. Recorded as DRAWER_OPENED; the host prints the no-sale slip, which pulses the drawer.',
  }),
} as const satisfies Feature<'cash'>;
