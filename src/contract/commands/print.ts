// The printing commands: a register's printer settings and receipt header, and the print queue the cashier sees
// ("impresora sin conexión — reimprimir"). The engine records and reads; the host (electron/printing/host.ts) prints
// after the reply. Invariant: printer trouble is never a refusal here; it is a job's state.
import { z } from 'zod';
import { LabelLayoutSchema } from '../../catalog/label-layout';
import { PrinterSettingsSchema, StoreHeaderSettingsSchema } from '../../print/settings';
import { Id, IsoDate, MethodSchema, Minor, SessionReportSchema, SignedMinor, Timestamp, UnitSchema } from '../schemas';
import type { Feature } from './define';
import { mutation, query } from './define';
import { REPORTS_COMMANDS } from './reports';

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

const PrinterKind = z.enum(['NONE', 'SYSTEM', 'ESCPOS_TCP', 'ESCPOS_DEVICE']);

/** A stored sale as a copy of its receipt prints it (every figure as recorded). */
export const ReceiptCopySchema = z.object({
  saleId: Id,
  sessionId: Id,
  saleNumber: z.string(),
  createdAt: Timestamp,
  total: Minor,
  change: Minor,
  cashRounding: SignedMinor,
  /** The discount on the whole sale; each line's `discount` includes its share of it. */
  saleDiscount: Minor,
  voided: z.boolean(),
  lines: z.array(z.object({ name: z.string(), unit: UnitSchema, quantity: z.string(), unitPrice: Minor, gross: Minor, discount: Minor, taxRateBp: z.int(), tax: Minor })),
  payments: z.array(z.object({ method: MethodSchema, amount: Minor, tendered: Minor, change: Minor, reference: z.string().nullable() })),
});

/** A stored refund as a copy of its slip prints it. */
export const RefundCopySchema = z.object({
  refundId: Id,
  refundNumber: z.string(),
  saleNumber: z.string(),
  sessionId: Id,
  method: MethodSchema,
  total: Minor,
  tax: Minor,
  reason: z.string(),
  /** The approver's name, or null. */
  approver: z.string().nullable(),
  createdAt: Timestamp,
  lines: z.array(z.object({ name: z.string(), quantity: z.string(), total: Minor })),
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
  'print.counter': query({
    input: {},
    output: z.object({
      /** The printer of the register of your open session ('NONE' without a session or a printer). */
      printer: PrinterKind,
      autoPrintReceipt: z.boolean(),
      /** Whether the register has a cash drawer (an ESC/POS printer with a pulse): "Abrir cajón" is offered only then. */
      drawer: z.boolean(),
      /** Its latest jobs, newest first: the sell screen's "impresora sin conexión — reimprimir" and print queue. */
      jobs: z.array(PrintJobSchema),
      /** How the store's scale lays out price/weight labels (EAN-13 prefixes 20–29). */
      labelLayout: LabelLayoutSchema,
    }),
    auth: true,
    permission: null,
    summary: "What the sell screen shows about printing: this register's printer, its latest print jobs, and the store's scale-label layout.",
  }),
  'print.report': mutation({
    input: { sessionId: Id },
    output: z.object({ report: SessionReportSchema, printer: PrinterKind }),
    auth: true,
    permission: null,
    summary:
      "Prints the X report of an active session or the Z report of a closed one on its register's printer (the host prints after the reply; `printer` 'NONE' means there is nowhere to print). Visible sessions only, as reports.session.",
  }),
  'print.daily': mutation({
    input: { date: IsoDate.optional(), branchId: Id.optional(), registerId: Id.optional() },
    output: z.object({ report: REPORTS_COMMANDS['reports.daily'].output, printer: PrinterKind, registerId: Id.nullable() }),
    auth: true,
    permission: 'cash:report_all',
    summary:
      "Prints the daily report (as reports.daily answers it) on a register's printer, meant for A4: `registerId` of the branch, else the register of your open session, else the branch's first register with an A4 system printer, else any with a printer (`printer` 'NONE', `registerId` null: nowhere to print).",
  }),
  'print.receipt': mutation({
    input: { saleId: Id, refundId: Id.optional() },
    output: z.object({ receipt: ReceiptCopySchema, refund: RefundCopySchema.nullable(), printer: PrinterKind, registerId: Id.nullable() }),
    auth: true,
    permission: null,
    summary:
      "Reprints a sale's receipt (or, with `refundId`, that refund's slip) marked as a copy, never opening the drawer: on the register of your open session, else the sale's own. Any sale of your branch, as sales.get.",
  }),
} as const satisfies Feature<'print'>;
