// The printing commands: a register's printer settings and receipt header, and the print queue the cashier sees
// ("impresora sin conexión — reimprimir"). The engine records and reads; the host (electron/printing/host.ts) prints
// after the reply. Invariant: printer trouble is never a refusal here; it is a job's state.
import { z } from 'zod';
import { PrinterSettingsSchema, StoreHeaderSettingsSchema } from '../../print/settings';
import { Id, Timestamp } from '../schemas';
import type { Feature } from './define';
import { mutation, query } from './define';

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
  'print.settings': query({
    input: { registerId: Id },
    output: PrintSetup,
    auth: true,
    permission: 'registers:manage',
    summary:
      "A register's printer (none, a system printer, ESC/POS on the network or a raw device), its drawer pulse, whether receipts print by themselves, and its branch's receipt header.",
  }),
  'print.configure': mutation({
    input: { registerId: Id, settings: PrinterSettingsSchema, header: StoreHeaderSettingsSchema.optional() },
    output: PrintSetup,
    auth: true,
    permission: 'registers:manage',
    summary: "Sets a register's printer and drawer; `header` (NIT, address, phone, footer) applies to every register of its branch.",
  }),
  'print.jobs': query({
    input: { registerId: Id.optional(), limit: z.int().min(1).max(200).default(20) },
    output: z.object({ jobs: z.array(PrintJobSchema) }),
    auth: true,
    permission: null,
    summary: "A register's print jobs, newest first (default: the register of your open session): waiting ones carry their last error and next retry.",
  }),
  'print.retry': mutation({
    input: { jobId: Id },
    output: z.object({ job: PrintJobSchema }),
    auth: true,
    permission: null,
    summary: '"Reimprimir": a waiting or failed job is due now (the host prints it after the reply). A printed job is returned as it is.',
  }),
} as const satisfies Feature<'print'>;
