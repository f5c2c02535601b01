// Voids and refunds from the sell screen (F5). This session's sales come from the engine (sales.list, newest first);
// pick one with ↑ ↓, type the last digits of a number of this session, a full sale number (any register of the
// branch, any day: refunds happen anywhere in the branch) or scan the code printed on the receipt (the sale's id).
// Then:
// - void (F4): the whole sale, only in the session that made it and before any refund; a reason, then a supervisor's
//   PIN (`sales:void` grant) and `sales.void`;
// - refund (F3): quantities per line (decimals for weighed items) up to sold − refunded, a method and a reason; the
//   engine answers SUPERVISOR_REQUIRED above the register's limit, then a supervisor's PIN (`sales:refund` grant) and
//   the same request again with the grant; the refund slip prints on the 80 mm roll (Ctrl+P).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import type { PaymentMethod } from '../../../src/sale/methods';
import { PAYMENT_METHODS } from '../../../src/sale/methods';
import { formatMilli, refundShare } from '../../../src/sale/quantity';
import { newRequestId, useHotkeys } from '../../actions';
import { invoke } from '../../api';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { usePrint } from '../../components/Print';
import { type UiError, Dialog, ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../money';
import { formatQuantity, parseTypedQuantity } from '../../quantity';
import { RefundSlip } from './RefundSlip';

type Session = NonNullable<CommandOutput<'cash.current'>['session']>;
type Found = CommandOutput<'sales.get'>;
type Sale = Found['sale'];
type Line = Sale['lines'][number];
type Refund = CommandOutput<'sales.refund'>['refund'];
type Listed = CommandOutput<'sales.list'>;
type Item = Listed['sales'][number];

type View = 'find' | 'sale' | 'void' | 'refund' | 'refunded';

export interface SalesDialogProps {
  readonly session: Session;
  readonly onPrintSale: (sale: Sale) => void;
  /** A sale changed here (voided, refunded): the sell screen updates its last-sale card. */
  readonly onSaleChanged?: (sale: Sale) => void;
  /** Closes the dialog; `message` is a toast for the sell screen. */
  readonly onClose: (message?: string) => void;
}

const time = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));
const dateTime = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

/** What each line already gave back in money, from the sale's refunds. */
function refundedAmounts(refunds: Found['refunds']): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of refunds) for (const l of r.lines) out.set(l.lineNo, (out.get(l.lineNo) ?? 0) + l.total);
  return out;
}

/** A sale's id as printed on the receipt (and typed by a scanner). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The most of this session's sales the list shows; older ones are found by number. */
const LIST_SIZE = 200;

export function SalesDialog({ session, onPrintSale, onSaleChanged, onClose }: SalesDialogProps) {
  const t = useT();
  const print = usePrint((s) => s.print);
  const m = (v: number) => formatMoney(v, session.currency, t.locale);

  const [listed, setListed] = useState<Listed | null>(null);
  const mine = listed?.sales ?? [];
  const [view, setView] = useState<View>('find');
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [found, setFound] = useState<Found | null>(null);
  /** Where the open sale was made, when a listing named it (register and cashier, for a sale of another session). */
  const [origin, setOrigin] = useState<Item | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<null | { readonly kind: 'void' | 'refund'; readonly hint: string }>(null);
  const [voidReason, setVoidReason] = useState('');
  const [qty, setQty] = useState<Readonly<Record<number, string>>>({});
  const [method, setMethod] = useState<PaymentMethod>('CASH');
  const [reason, setReason] = useState('');
  const [damaged, setDamaged] = useState(false);
  const [refund, setRefund] = useState<{ readonly refund: Refund; readonly sale: Sale; readonly by: string | null } | null>(null);
  const requestId = useRef(newRequestId());
  const findRef = useRef<HTMLInputElement>(null);

  /** This session's sales, newest first, as the engine has them now. */
  const reload = useCallback(async () => {
    const reply = await invoke('sales.list', { sessionId: session.id, pageSize: LIST_SIZE });
    if (reply.ok) setListed(reply.data);
    else setError(reply.error);
  }, [session.id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const notFound = (q: string) => {
    setError({ code: 'NOT_FOUND', message: t.salesDlg.notFound(q), local: true });
    findRef.current?.focus();
  };

  const open = async (saleId: string, typed?: string, item?: Item) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const reply = await invoke('sales.get', { saleId });
    setBusy(false);
    if (!reply.ok) {
      if (reply.error.code === 'NOT_FOUND' || reply.error.code === 'VALIDATION_FAILED') notFound(typed ?? saleId);
      else setError(reply.error);
      return;
    }
    setFound(reply.data);
    setOrigin(item ?? null);
    setView('sale');
  };

  /** The one sale a listing names, or null (none; several for a partial number). */
  const single = async (input: { saleNumber?: string; query?: string; sessionId?: string }, newest: boolean): Promise<Item | null | UiError> => {
    const reply = await invoke('sales.list', { ...input, pageSize: 2 });
    if (!reply.ok) return reply.error;
    const [first] = reply.data.sales;
    return first !== undefined && (newest || reply.data.sales.length === 1) ? first : null;
  };

  // What was typed: the receipt's code (an id), the last digits of a number of this session, or a sale number of the
  // branch (exact), else a part of a number of this session that names one sale.
  const find = async () => {
    const q = query.trim();
    if (busy) return;
    if (q === '') {
      const picked = mine[highlight];
      if (picked !== undefined) void open(picked.id, undefined, picked);
      return;
    }
    if (UUID.test(q)) return open(q.toLowerCase(), q);
    setBusy(true);
    setError(null);
    let hit: Item | null | UiError;
    if (/^\d+$/.test(q)) hit = await single({ sessionId: session.id, query: q }, true);
    else {
      hit = await single({ saleNumber: q.toUpperCase() }, true);
      if (hit === null) hit = await single({ sessionId: session.id, query: q }, false);
    }
    setBusy(false);
    if (hit === null) return notFound(q);
    if (!('saleNumber' in hit)) return setError(hit);
    return open(hit.id, q, hit);
  };

  /** After a void or a refund: the sale as it is now, in the list and on the sell screen. */
  const changed = (next: Sale) => {
    onSaleChanged?.(next);
    void reload();
  };

  const sale = found?.sale ?? null;
  const already = useMemo(() => refundedAmounts(found?.refunds ?? []), [found]);
  const left = (l: Line) => l.quantityMilli - l.refundedMilli;
  const voidable = sale !== null && sale.status === 'COMPLETED' && sale.sessionId === session.id && sale.refundedTotal === 0 && (found?.refunds.length ?? 0) === 0;
  const refundable = sale !== null && sale.status === 'COMPLETED' && sale.lines.some((l) => left(l) > 0);

  // Refund lines as typed: thousandths per line, or the first problem found.
  const typed = useMemo(() => {
    const lines: { line: Line; milli: number }[] = [];
    let problem: UiError | null = null;
    for (const l of sale?.lines ?? []) {
      const text = (qty[l.lineNo] ?? '').trim();
      if (text === '' || text === '0') continue;
      const p = parseTypedQuantity(text, l.unit);
      if (!p.ok) problem ??= { code: 'QUANTITY_INVALID', message: p.error === 'MALFORMED' ? t.sell.qtyMalformed : t.sell.qtyWhole, local: true };
      else if (p.milli > left(l)) problem ??= { code: 'REFUND_EXCEEDS_SOLD', message: t.errors.REFUND_EXCEEDS_SOLD, local: true };
      else lines.push({ line: l, milli: p.milli });
    }
    return { lines, problem };
  }, [qty, sale, t]);
  const estimate = typed.lines.reduce((s, x) => s + refundShare(x.line.total, x.line.quantityMilli, x.line.refundedMilli, already.get(x.line.lineNo) ?? 0, x.milli), 0);

  const startRefund = () => {
    if (!refundable || sale === null) return;
    setQty({});
    setReason('');
    setDamaged(false);
    const paid = sale.payments.map((p) => p.method);
    setMethod(paid.length === 1 && paid[0] !== undefined ? paid[0] : 'CASH');
    setError(null);
    setNotice(null);
    requestId.current = newRequestId();
    setView('refund');
  };

  const startVoid = () => {
    if (!voidable) return;
    setVoidReason('');
    setError(null);
    setNotice(null);
    requestId.current = newRequestId();
    setView('void');
  };

  const askVoid = () => {
    if (voidReason.trim() === '') return setError({ code: 'VALIDATION_FAILED', message: t.localErrors.REQUIRED, local: true });
    setError(null);
    setAsking({ kind: 'void', hint: t.salesDlg.voidHint });
  };

  const doVoid = async (grant: Grant) => {
    setAsking(null);
    if (sale === null) return;
    setBusy(true);
    const reply = await invoke('sales.void', { saleId: sale.id, reason: voidReason.trim(), grantId: grant.grantId, requestId: requestId.current });
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error);
      requestId.current = newRequestId();
      return;
    }
    changed(reply.data.sale);
    setFound((f) => (f === null ? f : { ...f, sale: reply.data.sale }));
    setNotice(t.salesDlg.voided(reply.data.sale.saleNumber, grant.supervisor.name));
    setView('sale');
  };

  const doRefund = async (grant: Grant | null) => {
    setAsking(null);
    if (sale === null || busy) return;
    if (typed.problem !== null) return setError(typed.problem);
    if (typed.lines.length === 0) return setError({ code: 'VALIDATION_FAILED', message: t.salesDlg.nothingToRefund, local: true });
    if (reason.trim() === '') return setError({ code: 'VALIDATION_FAILED', message: t.salesDlg.reasonRequired, local: true });
    setError(null);
    setBusy(true);
    const reply = await invoke('sales.refund', {
      saleId: sale.id,
      lines: typed.lines.map((x) => ({ lineId: x.line.lineNo, quantity: x.line.unit === 'UNIT' ? x.milli / 1000 : formatMilli(x.milli, 'KG') })),
      method,
      reason: reason.trim(),
      ...(damaged ? { damaged: true } : {}),
      ...(grant !== null ? { grantId: grant.grantId } : {}),
      requestId: requestId.current,
    });
    setBusy(false);
    if (reply.ok) {
      const after = await invoke('sales.get', { saleId: sale.id });
      const fresh = after.ok ? after.data.sale : sale;
      if (after.ok) {
        changed(after.data.sale);
        setFound(after.data);
      }
      setRefund({ refund: reply.data.refund, sale: fresh, by: grant?.supervisor.name ?? null });
      setView('refunded');
      return;
    }
    if (reply.error.code === 'SUPERVISOR_REQUIRED' && grant === null) {
      const limit = reply.error.details?.limit;
      setAsking({ kind: 'refund', hint: typeof limit === 'number' ? t.salesDlg.refundNeedsSupervisor(m(limit)) : t.pin.supervisorHint });
      return;
    }
    setError(reply.error);
    requestId.current = newRequestId();
  };

  const printSlip = () => {
    if (refund === null) return;
    print(
      'receipt',
      <RefundSlip refund={refund.refund} sale={refund.sale} info={{ registerCode: session.registerCode, registerName: session.registerName, userName: session.userName, currency: session.currency }} authorizedBy={refund.by} t={t} />,
    );
  };

  const back = () => {
    setError(null);
    if (view === 'find' || view === 'refunded') return onClose(view === 'refunded' && refund !== null ? t.salesDlg.refundToast(refund.refund.refundNumber, m(refund.refund.total)) : undefined);
    if (view === 'sale') {
      setView('find');
      setFound(null);
      setNotice(null);
      setQuery('');
      return;
    }
    setView('sale');
  };

  useHotkeys(
    view === 'sale'
      ? { F3: refundable ? startRefund : undefined, F4: voidable ? startVoid : undefined, 'Ctrl+p': sale ? () => onPrintSale(sale) : undefined }
      : view === 'refund'
        ? { F2: () => void doRefund(null) }
        : view === 'refunded'
          ? { 'Ctrl+p': printSlip, Enter: back }
          : {},
    asking === null && !busy,
  );

  const title =
    view === 'find'
      ? t.salesDlg.title
      : view === 'void'
        ? t.salesDlg.voidTitle(sale?.saleNumber ?? '')
        : view === 'refund'
          ? t.salesDlg.refundTitle(sale?.saleNumber ?? '')
          : view === 'refunded'
            ? t.salesDlg.refundDone
            : t.salesDlg.sale(sale?.saleNumber ?? '');

  return (
    <>
      <Dialog title={title} testid="sales-dialog" onClose={busy || asking !== null ? null : back} wide className="sales-dialog">
        {view === 'find' && (
          <form
            className="dialog-form"
            onSubmit={(e) => {
              e.preventDefault();
              void find();
            }}
          >
            <label className="field-label" htmlFor="sales-find">
              {t.salesDlg.findLabel}
            </label>
            <input
              ref={findRef}
              id="sales-find"
              className="text-input search-input"
              autoFocus
              autoComplete="off"
              spellCheck={false}
              value={query}
              placeholder={t.salesDlg.findPlaceholder}
              data-testid="sales-find"
              onChange={(e) => {
                setQuery(e.target.value);
                setError(null);
              }}
              onKeyDown={(e) => {
                if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && mine.length > 0) {
                  e.preventDefault();
                  const step = e.key === 'ArrowDown' ? 1 : -1;
                  setHighlight((h) => (h + step + mine.length) % mine.length);
                  setQuery('');
                }
              }}
            />
            <p className="muted small">{t.salesDlg.findHint}</p>
            <ErrorBox error={error} testid="sales-error" />
            <h3 className="section-title">{t.salesDlg.thisSession}</h3>
            {listed === null ? (
              <p className="muted small">{t.common.loading}</p>
            ) : mine.length === 0 ? (
              <p className="muted small" data-testid="sales-empty">
                {t.salesDlg.noSales}
              </p>
            ) : (
              <div className="sales-list">
                <table className="table small" data-testid="sales-list">
                  <thead>
                    <tr>
                      <th>{t.salesDlg.number}</th>
                      <th>{t.report.time}</th>
                      <th>{t.common.status}</th>
                      <th className="num">{t.common.total}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.map((e, i) => (
                      <tr
                        key={e.id}
                        className={i === highlight && query === '' ? 'selected clickable' : 'clickable'}
                        data-testid={`sales-row-${e.saleNumber}`}
                        onMouseDown={(ev) => ev.preventDefault()}
                        onClick={() => void open(e.id, undefined, e)}
                      >
                        <td className="mono">{e.saleNumber}</td>
                        <td>{time(e.createdAt, t.locale)}</td>
                        <td>
                          <span className={`badge badge-sale-${e.status.toLowerCase()}`}>{t.salesDlg.statuses[e.status]}</span>
                          {e.refundedTotal > 0 && <span className="muted small"> · {t.salesDlg.refunded} {m(e.refundedTotal)}</span>}
                        </td>
                        <td className="num amount">{m(e.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {listed !== null && listed.pagination.total > mine.length && <p className="muted small">{t.salesDlg.olderByNumber(mine.length, listed.pagination.total)}</p>}
            <div className="dialog-actions">
              <button type="button" className="btn btn-ghost" onClick={() => onClose()} data-testid="sales-close">
                {t.common.close} <Kbd k="Esc" />
              </button>
              <button type="submit" className="btn btn-primary" disabled={busy} data-testid="sales-open">
                {t.salesDlg.open} <Kbd k="Enter" />
              </button>
            </div>
          </form>
        )}

        {sale !== null && (view === 'sale' || view === 'void') && (
          <div className="dialog-form">
            <div className="sale-head">
              <span className={`badge badge-sale-${sale.status.toLowerCase()}`} data-testid="sale-status" data-status={sale.status}>
                {t.salesDlg.statuses[sale.status]}
              </span>
              <span className="muted">{dateTime(sale.createdAt, t.locale)}</span>
              {sale.sessionId !== session.id && <span className="badge">{t.salesDlg.otherSession}</span>}
              {sale.sessionId !== session.id && origin?.id === sale.id && (
                <span className="muted small" data-testid="sale-origin">
                  {origin.registerCode} · {origin.userName}
                </span>
              )}
              <span className="sale-head-total amount" data-testid="sale-total" data-minor={sale.total}>
                {m(sale.total)}
              </span>
            </div>
            <table className="table small" data-testid="sale-lines">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t.sell.product}</th>
                  <th className="num">{t.salesDlg.sold}</th>
                  <th className="num">{t.salesDlg.refundedQty}</th>
                  <th className="num">{t.sell.price}</th>
                  <th className="num">{t.sell.lineTotal}</th>
                </tr>
              </thead>
              <tbody>
                {sale.lines.map((l) => (
                  <tr key={l.lineNo} data-testid={`sale-line-${l.lineNo}`} data-refunded={l.refundedMilli}>
                    <td className="muted">{l.lineNo}</td>
                    <td>
                      {l.name} <span className="muted small">{l.sku}</span>
                    </td>
                    <td className="num">
                      {formatQuantity(l.quantityMilli, l.unit, t.locale)}
                      {l.unit === 'KG' ? ' kg' : ''}
                    </td>
                    <td className="num">{l.refundedMilli === 0 ? t.common.none : formatQuantity(l.refundedMilli, l.unit, t.locale)}</td>
                    <td className="num amount">{m(l.unitPrice)}</td>
                    <td className="num amount">{m(l.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="sale-foot muted small">
              <span>
                {t.salesDlg.payments}: {sale.payments.map((p) => `${t.pay.methods[p.method]} ${m(p.amount)}`).join(' · ')}
              </span>
              {sale.refundedTotal > 0 && (
                <span data-testid="sale-refunded" data-minor={sale.refundedTotal}>
                  {t.salesDlg.refunded}: {m(sale.refundedTotal)} ({(found?.refunds ?? []).map((r) => r.refundNumber).join(', ')})
                </span>
              )}
            </div>
            {notice !== null && (
              <div className="alert alert-ok" role="status" data-testid="sales-notice">
                {notice}
              </div>
            )}
            {view === 'sale' && (
              <>
                {!voidable && sale.status === 'COMPLETED' && <p className="muted small">{t.salesDlg.voidNotHere}</p>}
                <ErrorBox error={error} testid="sales-error" />
                <div className="dialog-actions">
                  <button type="button" className="btn btn-ghost" onClick={back} data-testid="sales-back">
                    {t.common.back} <Kbd k="Esc" />
                  </button>
                  <button type="button" className="btn btn-ghost" onClick={() => onPrintSale(sale)} data-testid="sales-reprint">
                    {t.sell.reprint} <Kbd k="Ctrl+P" />
                  </button>
                  <button type="button" className="btn btn-ghost danger" disabled={!voidable} onClick={startVoid} data-testid="sales-void">
                    {t.salesDlg.void} <Kbd k="F4" />
                  </button>
                  <button type="button" className="btn btn-primary" autoFocus disabled={!refundable} onClick={startRefund} data-testid="sales-refund">
                    {t.salesDlg.refund} <Kbd k="F3" />
                  </button>
                </div>
              </>
            )}
            {view === 'void' && (
              <form
                className="dialog-form void-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  askVoid();
                }}
              >
                <label className="field-label" htmlFor="void-reason">
                  {t.salesDlg.voidReason}
                </label>
                <input
                  id="void-reason"
                  className="text-input"
                  autoFocus
                  maxLength={200}
                  value={voidReason}
                  placeholder={t.salesDlg.voidReasonHint}
                  data-testid="void-reason"
                  onChange={(e) => {
                    setVoidReason(e.target.value);
                    setError(null);
                  }}
                />
                <p className="muted small">{t.salesDlg.voidHint}</p>
                <ErrorBox error={error} testid="sales-error" />
                <div className="dialog-actions">
                  <button type="button" className="btn btn-ghost" onClick={back} disabled={busy}>
                    {t.common.back} <Kbd k="Esc" />
                  </button>
                  <button type="submit" className="btn btn-primary danger-fill" disabled={busy} data-testid="void-confirm">
                    {t.salesDlg.voidConfirm} <Kbd k="Enter" />
                  </button>
                </div>
              </form>
            )}
          </div>
        )}

        {sale !== null && view === 'refund' && (
          <form
            className="dialog-form"
            onSubmit={(e) => {
              e.preventDefault();
              void doRefund(null);
            }}
          >
            <table className="table small refund-table" data-testid="refund-lines">
              <thead>
                <tr>
                  <th>{t.sell.product}</th>
                  <th className="num">{t.salesDlg.sold}</th>
                  <th className="num">{t.salesDlg.available}</th>
                  <th className="num">{t.salesDlg.toRefund}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {sale.lines.map((l, i) => {
                  const avail = left(l);
                  return (
                    <tr key={l.lineNo} className={avail === 0 ? 'inactive' : ''}>
                      <td>
                        {l.name} <span className="muted small">{m(l.total)}</span>
                      </td>
                      <td className="num">{formatQuantity(l.quantityMilli, l.unit, t.locale)}</td>
                      <td className="num">{formatQuantity(avail, l.unit, t.locale)}</td>
                      <td className="num">
                        <input
                          className="qty-input refund-qty"
                          inputMode={l.unit === 'KG' ? 'decimal' : 'numeric'}
                          autoFocus={i === sale.lines.findIndex((x) => left(x) > 0)}
                          disabled={avail === 0}
                          value={qty[l.lineNo] ?? ''}
                          placeholder="0"
                          aria-label={`${t.salesDlg.toRefund}: ${l.name}`}
                          data-testid={`refund-qty-${l.lineNo}`}
                          onFocus={(e) => e.target.select()}
                          onChange={(e) => {
                            setQty((q) => ({ ...q, [l.lineNo]: e.target.value }));
                            setError(null);
                          }}
                        />
                        <span className="unit-suffix muted small">{l.unit === 'KG' ? 'kg' : ''}</span>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-ghost btn-small"
                          tabIndex={-1}
                          disabled={avail === 0}
                          data-testid={`refund-all-${l.lineNo}`}
                          onClick={() => setQty((q) => ({ ...q, [l.lineNo]: formatQuantity(avail, l.unit, t.locale) }))}
                        >
                          {t.salesDlg.all}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="two-cols">
              <div>
                <label className="field-label" htmlFor="refund-method">
                  {t.salesDlg.method}
                </label>
                <select id="refund-method" className="text-input" value={method} data-testid="refund-method" onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
                  {PAYMENT_METHODS.map((x) => (
                    <option key={x} value={x}>
                      {t.pay.methods[x]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label className="field-label" htmlFor="refund-reason">
                  {t.salesDlg.reason}
                </label>
                <input
                  id="refund-reason"
                  className="text-input"
                  maxLength={200}
                  value={reason}
                  placeholder={t.salesDlg.reasonHint}
                  data-testid="refund-reason"
                  onChange={(e) => {
                    setReason(e.target.value);
                    setError(null);
                  }}
                />
              </div>
            </div>
            <label className="check">
              <input type="checkbox" checked={damaged} data-testid="refund-damaged" onChange={(e) => setDamaged(e.target.checked)} />
              <span>{t.salesDlg.damaged}</span>
            </label>
            <div className="refund-sum">
              <span>{t.salesDlg.refundTotal}</span>
              <span className="amount change-big" data-testid="refund-total" data-minor={estimate}>
                {m(estimate)}
              </span>
            </div>
            <ErrorBox error={error ?? typed.problem} testid="sales-error" />
            <div className="dialog-actions">
              <button type="button" className="btn btn-ghost" onClick={back} disabled={busy}>
                {t.common.back} <Kbd k="Esc" />
              </button>
              <button type="submit" className="btn btn-primary" disabled={busy || typed.lines.length === 0} data-testid="refund-confirm">
                {t.salesDlg.confirmRefund} <Kbd k="F2" />
              </button>
            </div>
          </form>
        )}

        {view === 'refunded' && refund !== null && (
          <div className="dialog-form">
            <div className="sale-number" data-testid="refund-number">
              {refund.refund.refundNumber}
            </div>
            <div className="change-label">{t.salesDlg.giveBack(t.pay.methods[refund.refund.method])}</div>
            <div className="change-big amount center" data-testid="refund-done-total" data-minor={refund.refund.total}>
              {m(refund.refund.total)}
            </div>
            <p className="muted center">
              {t.salesDlg.ofSale(refund.refund.saleNumber)}
              {refund.by !== null ? ` · ${t.pin.authorizedBy(refund.by)}` : ''}
              {refund.refund.restocked ? '' : ` · ${t.salesDlg.notRestocked}`}
            </p>
            <div className="dialog-actions">
              <button type="button" className="btn btn-ghost" onClick={printSlip} data-testid="refund-print">
                {t.salesDlg.printSlip} <Kbd k="Ctrl+P" />
              </button>
              <button type="button" className="btn btn-primary" autoFocus onClick={back} data-testid="refund-finish">
                {t.salesDlg.finish} <Kbd k="Enter" />
              </button>
            </div>
          </div>
        )}
      </Dialog>
      {asking !== null && (
        <PinDialog
          title={t.pin.supervisorTitle}
          hint={asking.hint}
          permission={asking.kind === 'void' ? 'sales:void' : 'sales:refund'}
          onGranted={(g) => void (asking.kind === 'void' ? doVoid(g) : doRefund(g))}
          onCancel={() => setAsking(null)}
        />
      )}
    </>
  );
}
