// Joining headquarters: a register that has not been set up enrolls with HQ's address and a one-time code, and from
// then on takes its master data (branch, registers, users, products, providers) from HQ's change log.
// Invariants: `setup.enroll` needs no sign-in and is refused once the store is set up (enrolled, or holding any user);
// `setup.enroll` and `sync.pull` talk to HQ, so they run through the engine's asynchronous entry (`Engine.invoke`);
// while enrolled, the commands in HQ_MANAGED_COMMANDS are refused with MANAGED_BY_HQ (stock stays local).
import { z } from 'zod';
import type { Feature } from './define';
import { mutation } from './define';

export const EnrollResultSchema = z.object({
  branchCode: z.string(),
  registerCode: z.string(),
  registerId: z.string(),
  /** The change-log version applied so far, and HQ's head: equal when the first pull completed. */
  version: z.int().min(0),
  head: z.int().min(0),
  /** False when the first pull could not finish (HQ unreachable midway): the sync worker goes on with it. */
  complete: z.boolean(),
});

export const SETUP_ENROLL_COMMANDS = {
  'setup.enroll': mutation({
    input: {
      hqUrl: z.url({ protocol: /^https?$/ }),
      code: z.string().trim().min(8).max(40),
    },
    output: EnrollResultSchema,
    auth: false,
    permission: null,
    summary:
      'Join headquarters with its address (https, or http on this same machine) and a one-time enrollment code; only while the store is not set up. Stores the register key outside the database, then pulls branch, registers, users, products and providers.',
  }),
} as const satisfies Feature<'setup'>;

/** Commands that talk to HQ: transports run them through `engine.invoke`. */
export const NETWORK_COMMANDS = ['setup.enroll', 'sync.pull'] as const;
export type NetworkCommandName = (typeof NETWORK_COMMANDS)[number];

/** Master data an enrolled register takes from HQ and never edits itself. */
export const HQ_MANAGED_COMMANDS: ReadonlySet<string> = new Set([
  'users.create',
  'users.update',
  'registers.create',
  'registers.update',
  'registers.remove',
  'products.create',
  'products.update',
  'products.import',
  'agents.saveProvider',
  // The printer and the receipt header come from HQ with the register's and the branch's settings.
  'print.configure',
]);
