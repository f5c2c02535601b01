// The printing commands: a register's printer settings and receipt header, and the print queue the cashier sees
// ("impresora sin conexión — reimprimir"). The engine records and reads; the host (electron/printing/host.ts) prints
// after the reply. Invariant: printer trouble is never a refusal here; it is a job's state.
import { z } from 'zod';
import { PrinterSettingsSchema, StoreHeaderSettingsSchema } from '../print/settings';
import type { Permission } from '../auth/permissions';
import { Id, RequestId, Timestamp } from './schemas';

export const PrintJobSchema = z.object({
  id: Id,
  registerId: Id,
  kind: z.string(),
  title: z.string(),
  status: z.enum(['PENDING', 'DONE', 'FAILED']),
  attempts: z.int().min(0),
  /** When it is tried next (PENDING only). */
  nextAttemptAt: Timestamp.nullable(),
  lastErrorCode: z.string().nullable(),
  /** Spanish, for the cashier ("Impresora sin conexión (…)"). */
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  printedAt: Timestamp.nullable(),
});

const PrintSetup = z.object({ settings: PrinterSettingsSchema, header: StoreHeaderSettingsSchema });

export const PRINT_COMMANDS = {
  'print.settings': {
    input: z.strictObject({ registerId: Id }),
    output: PrintSetup,
    auth: true,
    permission: 'registers:manage',
    mutating: false,
    summary: "A register's printer (none, a system printer, ESC/POS on the network or a raw device), its drawer pulse, whether receipts print by themselves, and its branch's receipt header.",
  },
  'print.configure': {
    input: z.strictObject({ registerId: Id, settings: PrinterSettingsSchema, header: StoreHeaderSettingsSchema.optional(), requestId: RequestId.optional() }),
    output: PrintSetup,
    auth: true,
    permission: 'registers:manage',
    mutating: true,
    summary: "Sets a register's printer and drawer; `header` (NIT, address, phone, footer) applies to every register of its branch.",
  },
  'print.jobs': {
    input: z.strictObject({ registerId: Id.optional(), limit: z.int().min(1).max(200).default(20) }),
    output: z.object({ jobs: z.array(PrintJobSchema) }),
    auth: true,
    permission: null,
    mutating: false,
    summary: "A register's print jobs, newest first (default: the register of your open session): waiting ones carry their last error and next retry.",
  },
  'print.retry': {
    input: z.strictObject({ jobId: Id, requestId: RequestId.optional() }),
    output: z.object({ job: PrintJobSchema }),
    auth: true,
    permission: null,
    mutating: true,
    summary: '"Reimprimir": a waiting or failed job is due now (the host prints it after the reply). A printed job is returned as it is.',
  },
} as const satisfies Record<
  string,
  { input: z.ZodType; output: z.ZodType; auth: boolean; permission: Permission | null; mutating: boolean; summary: string }
>;
