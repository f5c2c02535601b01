// What the hosts (Electron main, browser mode) print by themselves after a command: the sale receipt after
// `sales.create` on a register whose settings say so (else a cash sale's drawer pulse alone), the no-sale slip after
// `cash.openDrawer`, the withdrawal/deposit slip and the partial count (both open the
// drawer), the void and refund slips (cash going back opens it), the drawer's pulse alone for a close, a handover and
// an agent operation, the daily report and copies asked for (print.daily, print.receipt), and a job `print.retry` made due. Invariant: runs after the command's transaction committed and
// its reply is decided; never changes the reply, never throws, never delays it (the caller does not await it).
import { z } from 'zod';
import type { Db } from '../../db/open';
import { printerSettingsOf, storeHeaderOf } from '../../db/repos/print-settings';
import { productById } from '../../db/repos/products';
import { getBranch } from '../../db/repos/branches';
import { grantById } from '../../db/repos/grants';
import { getRegister } from '../../db/repos/registers';
import { getSession } from '../../db/repos/sessions';
import { getUser } from '../../db/repos/users';
import { isCurrencyCode, sumMinor } from '../../src/money';
import type { CommandOutput } from '../../src/contract';
import { COMMANDS } from '../../src/contract';
import { SessionReportSchema } from '../../src/contract/schemas';
import type { PrintContext, PrintDocument, ReceiptInput, StoreHeader } from '../../src/print';
import {
  dailyReportDocument,
  handoverSlipDocument,
  hasDrawer,
  MOVEMENT_REASON_LABELS,
  noSaleDocument,
  movementSlipDocument,
  partialCountDocument,
  receiptDocument,
  refundSlipDocument,
  shiftReportDocument,
  voidSlipDocument,
} from '../../src/print';
import { countsOfSession } from '../../db/repos/counts';
import { countPrintOf, dailyReportInput, shiftReportInput } from './reports';
import { MOVEMENT_REASONS, NO_SALE_REASONS } from '../../src/session/ledger';
import { NO_SALE_REASON_LABELS } from '../../src/labels-es';
import { PAYMENT_METHODS } from '../../src/sale/methods';
import type { Printing, PrintingOptions, PrintJobView } from './index';
import { createPrinting } from './index';

/** The parts of a sale (sales.create's reply) a receipt needs, read defensively: the contract is the engine's. */
const SaleForReceipt = z.object({
  sessionId: z.string(),
  saleNumber: z.string(),
  createdAt: z.string(),
  total: z.int(),
  change: z.int(),
  cashRounding: z.int().optional(),
  lines: z.array(
    z.object({ name: z.string(), unit: z.string(), quantity: z.string(), unitPrice: z.int(), gross: z.int(), discount: z.int(), taxRateBp: z.int(), tax: z.int() }),
  ),
  payments: z.array(z.object({ method: z.enum(PAYMENT_METHODS), amount: z.int(), tendered: z.int(), change: z.int(), reference: z.string().nullable() })),
});
const MovementForSlip = z.object({
  sessionId: z.string(),
  direction: z.enum(['IN', 'OUT']),
  amount: z.int(),
  reason: z.enum(MOVEMENT_REASONS),
  description: z.string().nullable(),
  reference: z.string().nullable(),
  authorizedBy: z.string().nullable(),
  createdAt: z.string(),
});
const CountForSlip = z.object({
  sessionId: z.string(),
  denominations: z.array(z.object({ value: z.int(), quantity: z.int() })),
  totalCash: z.int(),
  vouchers: z.int(),
  checks: z.int(),
  otherValues: z.int(),
  totalWithOthers: z.int(),
  expectedAmount: z.int().nullable(),
  difference: z.int().nullable(),
  countedAt: z.string(),
});
const OpeningForSlip = z.object({ sessionId: z.string(), reason: z.enum(NO_SALE_REASONS), note: z.string().nullable(), authorizedBy: z.string().nullable(), openedAt: z.string() });
const VoidInput = z.object({ reason: z.string(), grantId: z.string() });
const RefundForSlip = z.object({
  refundNumber: z.string(),
  saleNumber: z.string(),
  sessionId: z.string(),
  method: z.enum(PAYMENT_METHODS),
  total: z.int(),
  tax: z.int(),
  reason: z.string(),
  authorizedBy: z.string().nullable(),
  createdAt: z.string(),
  lines: z.array(z.object({ productId: z.string(), quantity: z.string(), total: z.int() })),
});
const TransferForSlip = z.object({
  closedSession: z.object({ id: z.string(), sessionNumber: z.string(), userId: z.string(), closedAt: z.string().nullable() }),
  newSession: z.object({ sessionNumber: z.string(), userId: z.string() }),
});
const PrintDailyReply = COMMANDS['print.daily'].output;
const PrintReceiptReply = COMMANDS['print.receipt'].output;
const SalesCreateInput = z.object({ discount: z.int().optional(), lines: z.array(z.object({ discount: z.int().optional() })) });

export interface PrintHost {
  readonly printing: Printing;
  /** Called by a transport after every reply; prints what the command leaves on paper. Returns the job, for tests. */
  afterReply(name: string, input: unknown, reply: { ok: boolean; data?: unknown }): Promise<PrintJobView | null>;
  /** The print context of a session: store header, register and the session's cashier. Null when unknown. */
  contextOfSession(sessionId: string): { registerId: string; ctx: PrintContext } | null;
  close(): void;
}

export function createPrintHost(db: Db, options: Omit<PrintingOptions, 'db' | 'settingsFor'> = {}): PrintHost {
  const logoFor = (registerId: string) => {
    const register = getRegister(db, registerId);
    return register ? (storeHeaderOf(db, register.branchId).logo ?? null) : null;
  };
  const printing = createPrinting({ logoFor, ...options, db, settingsFor: (registerId) => printerSettingsOf(db, registerId) });
  printing.start();

  function contextOfSession(sessionId: string): { registerId: string; ctx: PrintContext } | null {
    const session = getSession(db, sessionId);
    const register = session ? getRegister(db, session.registerId) : undefined;
    const branch = register ? getBranch(db, register.branchId) : undefined;
    if (!session || !register || !branch || !isCurrencyCode(register.currency)) return null;
    const header = storeHeaderOf(db, branch.id);
    const ctx: PrintContext = {
      store: { name: header.name || branch.name, taxId: header.taxId, address: header.address, phone: header.phone, footer: header.footer, timeZone: branch.timeZone, currency: register.currency },
      registerCode: register.code,
      registerName: register.name,
      cashier: getUser(db, session.userId)?.name ?? '',
    };
    return { registerId: register.id, ctx };
  }

  function receiptAfterSale(input: unknown, data: unknown): { registerId: string; doc: PrintDocument } | null {
    const sale = SaleForReceipt.safeParse((data as { sale?: unknown } | null)?.sale);
    if (!sale.success) return null;
    const at = contextOfSession(sale.data.sessionId);
    if (!at || !printerSettingsOf(db, at.registerId).autoPrintReceipt) return null;
    // The stored line discount includes the line's share of the sale discount; the request says how it split.
    const asked = SalesCreateInput.safeParse(input);
    const own = asked.success && asked.data.lines.length === sale.data.lines.length ? asked.data.lines.map((l) => l.discount ?? 0) : null;
    const receipt: ReceiptInput = {
      saleNumber: sale.data.saleNumber,
      createdAt: sale.data.createdAt,
      lines: sale.data.lines.map((l, i) => ({ ...l, unit: l.unit === 'KG' ? 'kg' : '', discount: own ? (own[i] ?? 0) : l.discount })),
      saleDiscount: own && asked.success ? (asked.data.discount ?? 0) : 0,
      total: sale.data.total,
      payments: sale.data.payments,
      change: sale.data.change,
      cashRounding: sale.data.cashRounding ?? 0,
      reprint: false,
    };
    return { registerId: at.registerId, doc: receiptDocument(at.ctx, receipt) };
  }

  /** Withdrawal and deposit slips (with the approver's name) and partial counts: printed wherever there is a printer. */
  function cashSlip(name: string, data: unknown): { registerId: string; doc: PrintDocument } | null {
    const payload = data as { movement?: unknown; count?: unknown } | null;
    if (name === 'cash.deposit' || name === 'cash.withdraw') {
      const m = MovementForSlip.safeParse(payload?.movement);
      const at = m.success ? contextOfSession(m.data.sessionId) : null;
      if (!m.success || !at) return null;
      const approver = m.data.authorizedBy ? (getUser(db, m.data.authorizedBy)?.name ?? null) : null;
      const doc = movementSlipDocument(at.ctx, { ...m.data, reasonLabel: MOVEMENT_REASON_LABELS[m.data.reason], approver });
      return { registerId: at.registerId, doc };
    }
    if (name === 'cash.count') {
      const c = CountForSlip.safeParse(payload?.count);
      const at = c.success ? contextOfSession(c.data.sessionId) : null;
      const session = c.success ? getSession(db, c.data.sessionId) : undefined;
      if (!c.success || !at || !session) return null;
      const count = { ...c.data, expected: c.data.expectedAmount, difference: c.data.difference };
      return { registerId: at.registerId, doc: partialCountDocument(at.ctx, { sessionNumber: session.sessionNumber, countedAt: c.data.countedAt, count }) };
    }
    return null;
  }

  /** The void slip (approver from the grant it consumed) and the refund slip; cash going back opens the drawer. */
  function saleSlip(name: string, input: unknown, data: unknown): { registerId: string; doc: PrintDocument } | null {
    const payload = data as { sale?: unknown; refund?: unknown } | null;
    if (name === 'sales.void') {
      const sale = SaleForReceipt.safeParse(payload?.sale);
      const asked = VoidInput.safeParse(input);
      if (!sale.success || !asked.success) return null;
      // The slip goes to the register the void was made on: the voiding user's session is the sale's (same session).
      const at = contextOfSession(sale.data.sessionId);
      if (!at) return null;
      const grant = grantById(db, asked.data.grantId);
      const approver = grant ? (getUser(db, grant.grantorId)?.name ?? null) : null;
      const cashReturned = sumMinor(sale.data.payments.filter((p) => p.method === 'CASH').map((p) => p.amount), at.ctx.store.currency);
      const doc = voidSlipDocument(at.ctx, { saleNumber: sale.data.saleNumber, voidedAt: (options.now ?? (() => new Date()))().toISOString(), total: sale.data.total, reason: asked.data.reason, approver, cashReturned });
      return { registerId: at.registerId, doc };
    }
    if (name === 'sales.refund') {
      const r = RefundForSlip.safeParse(payload?.refund);
      const at = r.success ? contextOfSession(r.data.sessionId) : null;
      if (!r.success || !at) return null;
      const approver = r.data.authorizedBy ? (getUser(db, r.data.authorizedBy)?.name ?? null) : null;
      const lines = r.data.lines.map((l) => ({ name: productById(db, l.productId)?.name ?? l.productId, quantity: l.quantity.replace('.', ','), total: l.total }));
      return { registerId: at.registerId, doc: refundSlipDocument(at.ctx, { ...r.data, lines, approver }) };
    }
    return null;
  }

  /** "Abrir cajón": the no-sale slip (reason, note, approver), which pulses the drawer; its job records whether it reached. */
  function noSaleSlip(data: unknown): { registerId: string; doc: PrintDocument } | null {
    const o = OpeningForSlip.safeParse((data as { opening?: unknown } | null)?.opening);
    const at = o.success ? contextOfSession(o.data.sessionId) : null;
    if (!o.success || !at) return null;
    const approver = o.data.authorizedBy ? (getUser(db, o.data.authorizedBy)?.name ?? null) : null;
    // "Otro motivo" says nothing on paper: its note is the reason.
    const reason = o.data.reason === 'OTHER' && o.data.note ? o.data.note : [NO_SALE_REASON_LABELS[o.data.reason], o.data.note].filter((s) => s).join(': ');
    return { registerId: at.registerId, doc: noSaleDocument(at.ctx, { openedAt: o.data.openedAt, reason, approver }) };
  }

  /**
   * A cash sale on a register that does not print receipts by itself still opens the drawer: the pulse alone (never
   * queued: a drawer that opens minutes later is worse than one that does not). Card-only sales never pulse.
   */
  async function pulseForCashSale(data: unknown): Promise<null> {
    const sale = SaleForReceipt.safeParse((data as { sale?: unknown } | null)?.sale);
    if (!sale.success || !sale.data.payments.some((p) => p.method === 'CASH')) return null;
    const at = contextOfSession(sale.data.sessionId);
    if (at && hasDrawer(printerSettingsOf(db, at.registerId))) await printing.openDrawer(at.registerId);
    return null;
  }

  /**
   * The counts that end a session (close, handover) and agent operations (every kind moves cash) open the drawer with
   * the pulse alone: their papers (the Z, the handover slip) are reports, not drawer documents. The engine has already
   * recorded the opening (engine/drawer.ts); the pulse is never queued.
   */
  async function pulseForCountOrAgent(name: string, data: unknown): Promise<void> {
    const d = data as { session?: { id?: unknown }; closedSession?: { id?: unknown }; operation?: { sessionId?: unknown } } | null;
    const sessionId = name === 'cash.close' ? d?.session?.id : name === 'cash.transfer' ? d?.closedSession?.id : name === 'agents.create' ? d?.operation?.sessionId : undefined;
    if (typeof sessionId !== 'string') return;
    const at = contextOfSession(sessionId);
    if (at && hasDrawer(printerSettingsOf(db, at.registerId))) await printing.openDrawer(at.registerId);
  }

  const nameOf = (userId: string): string => getUser(db, userId)?.name ?? userId;
  const now = (): string => (options.now ?? (() => new Date()))().toISOString();

  /**
   * The Z report after `cash.close` (only where the register prints by itself: autoPrintReceipt), and the X or Z asked
   * for with `print.report`. The report is the one the engine answered, never rebuilt here.
   */
  function shiftReport(name: string, data: unknown): { registerId: string; doc: PrintDocument } | null {
    if (name !== 'cash.close' && name !== 'print.report') return null;
    const parsed = SessionReportSchema.safeParse((data as { report?: unknown } | null)?.report);
    if (!parsed.success) return null;
    const report: CommandOutput<'reports.session'> = parsed.data;
    const at = contextOfSession(report.session.id);
    if (!at) return null;
    if (name === 'cash.close' && !printerSettingsOf(db, at.registerId).autoPrintReceipt) return null;
    return { registerId: at.registerId, doc: shiftReportDocument(at.ctx, report.kind, shiftReportInput(report, nameOf, now())) };
  }

  /** The handover slip after `cash.transfer`: the handover count (without expected: both cashiers sign it), both names. */
  function handoverSlip(name: string, data: unknown): { registerId: string; doc: PrintDocument } | null {
    if (name !== 'cash.transfer') return null;
    const t = TransferForSlip.safeParse(data);
    const at = t.success ? contextOfSession(t.data.closedSession.id) : null;
    if (!t.success || !at) return null;
    const counted = countsOfSession(db, t.data.closedSession.id).filter((c) => c.type === 'TRANSFER').at(-1);
    if (!counted) return null;
    const denominations = z.array(z.object({ value: z.int(), quantity: z.int() })).parse(JSON.parse(counted.denominations));
    const count = { ...countPrintOf({ ...counted, denominations, expectedAmount: null, difference: null }) };
    const doc = handoverSlipDocument(at.ctx, {
      sessionNumber: t.data.closedSession.sessionNumber,
      nextSessionNumber: t.data.newSession.sessionNumber,
      handedOverAt: t.data.closedSession.closedAt ?? now(),
      outgoing: nameOf(t.data.closedSession.userId),
      incoming: nameOf(t.data.newSession.userId),
      count,
    });
    return { registerId: at.registerId, doc };
  }

  /** The store header of a register's branch, for papers that belong to no one session (the daily report). */
  function headerOfRegister(registerId: string): StoreHeader | null {
    const register = getRegister(db, registerId);
    const branch = register ? getBranch(db, register.branchId) : undefined;
    if (!register || !branch || !isCurrencyCode(branch.currency)) return null;
    const h = storeHeaderOf(db, branch.id);
    return { name: h.name || branch.name, taxId: h.taxId, address: h.address, phone: h.phone, footer: h.footer, timeZone: branch.timeZone, currency: branch.currency };
  }

  /** `print.daily`: the daily report the engine answered, on the register it chose (A4 where that printer is a page). */
  function dailyReport(name: string, data: unknown): { registerId: string; doc: PrintDocument } | null {
    if (name !== 'print.daily') return null;
    const reply = PrintDailyReply.safeParse(data);
    if (!reply.success || reply.data.registerId === null) return null;
    const store = headerOfRegister(reply.data.registerId);
    return store ? { registerId: reply.data.registerId, doc: dailyReportDocument(store, dailyReportInput(reply.data.report, now())) } : null;
  }

  /**
   * `print.receipt`: a copy of a sale's receipt (REIMPRESIÓN once one was printed on that register) or of one of its
   * refund slips (COPIA), never pulsing the drawer.
   */
  function copyOfSale(name: string, data: unknown): { registerId: string; doc: PrintDocument } | null {
    if (name !== 'print.receipt') return null;
    const reply = PrintReceiptReply.safeParse(data);
    if (!reply.success || reply.data.registerId === null) return null;
    const { receipt: r, refund } = reply.data;
    const at = contextOfSession(refund?.sessionId ?? r.sessionId);
    if (!at) return null;
    if (refund) return { registerId: reply.data.registerId, doc: refundSlipDocument(at.ctx, { ...refund, copy: true }) };
    // On a register that does not print receipts by itself the first paper asked for is the receipt, not a copy.
    const printedBefore = printing.jobs(reply.data.registerId, 200).some((j) => j.kind === 'RECEIPT' && j.title.endsWith(` ${r.saleNumber}`));
    const doc = receiptDocument(at.ctx, {
      saleNumber: r.saleNumber,
      createdAt: r.createdAt,
      lines: r.lines.map((l) => ({ ...l, unit: l.unit === 'KG' ? 'kg' : '' })),
      saleDiscount: r.saleDiscount,
      lineDiscountsIncludeSale: true,
      total: r.total,
      payments: r.payments,
      change: r.change,
      cashRounding: r.cashRounding,
      reprint: printedBefore || r.voided,
      voided: r.voided,
    });
    // Asked for later, it never opens the drawer (the sale's own pulse already did).
    return { registerId: reply.data.registerId, doc: { ...doc, openDrawer: false } };
  }

  return {
    printing,
    contextOfSession,
    async afterReply(name, input, reply) {
      try {
        if (!reply.ok) return null;
        if (name === 'print.retry') {
          // The engine made the job due; print it now rather than at the next timer tick.
          const id = (reply.data as { job?: { id?: unknown } } | null)?.job?.id;
          return typeof id === 'string' ? await printing.retry(id) : null;
        }
        await pulseForCountOrAgent(name, reply.data);
        if (name === 'cash.openDrawer') {
          const slip = noSaleSlip(reply.data);
          return slip ? await printing.print(slip.registerId, slip.doc) : null;
        }
        const job =
          name === 'sales.create'
            ? receiptAfterSale(input, reply.data)
            : (cashSlip(name, reply.data) ??
              saleSlip(name, input, reply.data) ??
              shiftReport(name, reply.data) ??
              handoverSlip(name, reply.data) ??
              dailyReport(name, reply.data) ??
              copyOfSale(name, reply.data));
        if (!job && name === 'sales.create') return await pulseForCashSale(reply.data);
        return job ? await printing.print(job.registerId, job.doc) : null;
      } catch (e) {
        // Printing trouble is the queue's to report; anything else here is a bug, logged, never the sale's problem.
        console.error('[print]', e);
        return null;
      }
    },
    close: () => printing.stop(),
  };
}
