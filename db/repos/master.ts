// Master data from headquarters on an enrolled register: its identity, the last applied change-log version, and the
// application of a page of changes. Invariants: a page is applied only on top of the version it was asked after (a
// page another puller already applied is skipped, so two pullers never apply one twice); each change writes the
// entity's whole state (upsert by HQ's id), so order within a page is HQ's version order; stock is never touched
// (it stays this register's own ledger); a user deactivated at HQ loses every sign-in in the same transaction; a
// register's every setting (printer included) and its branch's receipt header and default tax rate are HQ's.
import type { MasterChange } from '../../src/sync/master';
import type { Db } from '../open';
import { revokeGrantsOfUser } from './grants';
import { forgetFailuresAgainst } from './pin-failures';
import { prepared } from './prepared';
import { revokeTokensOfUser } from './tokens';
import { nextSearchKey, setBarcodes } from './products';
import { putPrinterSettings, putStoreHeader, storeHeaderOf } from './print-settings';
import { SETTING_DEFAULT_TAX_RATE, putSetting, setting } from './settings';

const SETTING_ENROLLMENT = 'hq.enrollment';
const SETTING_VERSION = 'hq.master.version';
const SETTING_HEAD = 'hq.master.head';
const SETTING_PULLED_AT = 'hq.master.pulledAt';

/** Who this register is at HQ, written once at enrollment. */
export interface EnrollmentIdentity {
  readonly branchCode: string;
  readonly registerCode: string;
  readonly registerId: string;
  readonly enrolledAt: string;
}

/** This register's enrollment, or null when it is not enrolled (standalone or not set up). */
export function hqEnrollment(db: Db): EnrollmentIdentity | null {
  const raw = setting(db, SETTING_ENROLLMENT);
  return raw ? (JSON.parse(raw) as EnrollmentIdentity) : null;
}

/** Records the enrollment and HQ's address; the pull starts at `after`. */
export function saveEnrollment(db: Db, identity: EnrollmentIdentity, hqUrlKey: string, hqUrl: string, after: number): void {
  putSetting(db, SETTING_ENROLLMENT, JSON.stringify(identity));
  putSetting(db, hqUrlKey, hqUrl);
  putSetting(db, SETTING_VERSION, String(after));
  putSetting(db, SETTING_HEAD, String(after));
}

/** Where the pull stands: the last applied version, HQ's head when last asked, and when that was (ISO, or null). */
export interface MasterProgress {
  readonly version: number;
  readonly head: number;
  readonly pulledAt: string | null;
}

export function masterProgress(db: Db): MasterProgress {
  return { version: Number(setting(db, SETTING_VERSION) ?? '0'), head: Number(setting(db, SETTING_HEAD) ?? '0'), pulledAt: setting(db, SETTING_PULLED_AT) };
}

/**
 * THE answer to "is this store set up?", used by every place that asks (the engine's gate, setup.initialize, setup.demo,
 * setup.enroll, setup.status): enrolled at HQ (even before the first pull brought its branch), or holding a branch
 * (a standalone store or the demo: setup writes its branch, registers and administrator in one transaction).
 */
export function storeInitialized(db: Db): boolean {
  if (hqEnrollment(db)) return true;
  return prepared(db, 'master.anyBranch', () => db.$client.prepare<[], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM branches LIMIT 1)')).get()?.n === 1;
}

function branchIdOf(db: Db, code: string): string | null {
  return prepared(db, 'master.branchId', () => db.$client.prepare<[string], { id: string }>('SELECT id FROM branches WHERE code = ?')).get(code)?.id ?? null;
}

/**
 * Applies one page of changes on top of version `after`, then records `next` and `head`. Call inside one IMMEDIATE
 * transaction. Returns false (and writes nothing) when the stored version is no longer `after`.
 */
export function applyMasterPage(db: Db, page: { readonly after: number; readonly changes: readonly MasterChange[]; readonly next: number; readonly head: number }, at: string): boolean {
  if (Number(setting(db, SETTING_VERSION) ?? '0') !== page.after) return false;
  for (const change of page.changes) applyChange(db, change, at);
  putSetting(db, SETTING_VERSION, String(page.next));
  putSetting(db, SETTING_HEAD, String(page.head));
  putSetting(db, SETTING_PULLED_AT, at);
  return true;
}

function applyChange(db: Db, change: MasterChange, at: string): void {
  const sql = db.$client;
  switch (change.entity) {
    case 'BRANCH': {
      const b = change.data;
      prepared(db, 'master.branch', () =>
        sql.prepare<[string, string, string, string, string, string]>(
          `INSERT INTO branches (id, code, name, time_zone, currency, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, time_zone = excluded.time_zone, currency = excluded.currency`,
        ),
      ).run(b.id, b.code, b.name, b.timeZone, b.currency, at);
      putSetting(db, SETTING_DEFAULT_TAX_RATE, String(b.defaultTaxRateBp));
      // The receipt header is HQ's; the logo and the scale-label layout stay this PC's (HQ does not carry images).
      // Lengths are cut to the header's own limits (HQ's input already keeps within them) rather than fail the pull.
      const { name: _localName, ...kept } = storeHeaderOf(db, b.id);
      putStoreHeader(db, b.id, {
        ...kept,
        ...(b.receiptName === null ? {} : { name: b.receiptName.slice(0, 80) }),
        taxId: (b.taxId ?? '').slice(0, 30),
        address: (b.address ?? '').slice(0, 160),
        phone: (b.phone ?? '').slice(0, 40),
        footer: b.receiptFooter.slice(0, 240),
      });
      return;
    }
    case 'REGISTER': {
      const r = change.data;
      const branchId = branchIdOf(db, r.branchCode);
      if (!branchId) throw new Error(`HQ sent register ${r.branchCode}/${r.code} before its branch`);
      prepared(db, 'master.register', () =>
        sql.prepare<[string, string, string, string, string, string, number, number, number, number, number, number, number | null, number, number, string, string]>(
          `INSERT INTO registers (id, branch_id, code, name, specialty, currency, blind_close, difference_tolerance, active, allow_negative_stock, refund_approval_above,
             no_sale_needs_approval, cash_rounding, discount_max_bp, discount_max_amount, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET branch_id = excluded.branch_id, code = excluded.code, name = excluded.name, specialty = excluded.specialty,
             currency = excluded.currency, blind_close = excluded.blind_close, difference_tolerance = excluded.difference_tolerance, active = excluded.active,
             allow_negative_stock = excluded.allow_negative_stock, refund_approval_above = excluded.refund_approval_above,
             no_sale_needs_approval = excluded.no_sale_needs_approval, cash_rounding = excluded.cash_rounding, discount_max_bp = excluded.discount_max_bp,
             discount_max_amount = excluded.discount_max_amount, updated_at = excluded.updated_at`,
        ),
      ).run(
        r.id, branchId, r.code, r.name, r.specialty, r.currency, r.blindClose ? 1 : 0, r.differenceTolerance, r.active ? 1 : 0, r.allowNegativeStock ? 1 : 0, r.refundApprovalAbove,
        r.noSaleNeedsApproval ? 1 : 0, r.cashRounding, r.discountMaxBp, r.discountMaxAmount, at, at,
      );
      putPrinterSettings(db, r.id, r.printer);
      return;
    }
    case 'USER': {
      const u = change.data;
      const branchId = u.branchCode === null ? null : branchIdOf(db, u.branchCode);
      const before = prepared(db, 'master.userPin', () => sql.prepare<[string], { pin_hash: string; role: string }>('SELECT pin_hash, role FROM users WHERE id = ?')).get(u.id);
      prepared(db, 'master.user', () =>
        sql.prepare<[string, string | null, string, string, string, string, number, string, string]>(
          `INSERT INTO users (id, branch_id, username, name, role, pin_hash, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET branch_id = excluded.branch_id, username = excluded.username, name = excluded.name, role = excluded.role,
             pin_hash = excluded.pin_hash, active = excluded.active, updated_at = excluded.updated_at`,
        ),
      ).run(u.id, branchId, u.username, u.name, u.role, u.pinHash, u.active ? 1 : 0, at, at);
      const newPin = before !== undefined && before.pin_hash !== u.pinHash;
      // A PIN set at HQ is a reset: it forgives the wrong PINs naming her and lifts her sign-in lock.
      if (newPin) forgetFailuresAgainst(db, u.id);
      // As users.update does here: a new PIN, a new role or a deactivation ends her sign-ins and unspent approvals.
      if (newPin || !u.active || (before !== undefined && before.role !== u.role)) {
        revokeTokensOfUser(db, u.id, at);
        revokeGrantsOfUser(db, u.id, 'hq.pull', at);
      }
      return;
    }
    case 'PRODUCT': {
      const p = change.data;
      const exists = prepared(db, 'master.productExists', () => sql.prepare<[string], { id: string }>('SELECT id FROM products WHERE id = ?')).get(p.id);
      if (exists) {
        prepared(db, 'master.productUpdate', () =>
          sql.prepare<[string, string, number, string, string | null, number, number, string, string]>(
            'UPDATE products SET sku = ?, name = ?, price = ?, unit = ?, category = ?, tax_rate_bp = ?, active = ?, updated_at = ? WHERE id = ?',
          ),
        ).run(p.sku, p.name, p.price, p.unit, p.category, p.taxRateBp, p.active ? 1 : 0, at, p.id);
      } else {
        prepared(db, 'master.productInsert', () =>
          sql.prepare<[string, string, string, number, string, string | null, number, number, string, string, number]>(
            `INSERT INTO products (id, sku, name, price, unit, category, tax_rate_bp, active, stock, created_at, updated_at, search_key)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
          ),
        ).run(p.id, p.sku, p.name, p.price, p.unit, p.category, p.taxRateBp, p.active ? 1 : 0, at, at, nextSearchKey(db));
      }
      setBarcodes(db, p.id, p.barcodes);
      return;
    }
    case 'PROVIDER': {
      const v = change.data;
      prepared(db, 'master.provider', () =>
        sql.prepare<[string, string, string, number, string]>(
          `INSERT INTO agent_providers (code, name, kinds, active, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, kinds = excluded.kinds, active = excluded.active, updated_at = excluded.updated_at`,
        ),
      ).run(v.code, v.name, JSON.stringify(v.kinds), v.active ? 1 : 0, at);
      return;
    }
  }
}
