// Refunding part of a sale from the sales dialog (F3): quantities per line (decimals for weighed items) up to sold −
// refunded, a method and a reason. The engine answers SUPERVISOR_REQUIRED above the register's limit; then a
// supervisor's PIN (a `sales:refund` grant) and the same request again, with the same request id, carrying the grant.
// The reply carries the refund and the sale as it is now, so nothing is fetched again. RefundDone shows the result and
// prints the refund slip on the 80 mm roll (Ctrl+P).
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import type { PaymentMethod } from '../../../src/sale/methods';
import { PAYMENT_METHODS } from '../../../src/sale/methods';
import { newRequestId, useHotkeys } from '../../actions';
import { invoke } from '../../api';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { type UiError, ErrorBox, Kbd } from '../../components/ui';
import type { T } from '../../i18n';
import { useT } from '../../i18n';
import { formatQuantity } from '../../quantity';
import { leftToRefund } from './eligibility';
import type { TypedRefund } from './refundLines';
import { readRefundLines, refundEstimate, refundRequestLines, refundedAmounts } from './refundLines';

type Found = CommandOutput<'sales.get'>;
type Sale = Found['sale'];
type Refund = CommandOutput<'sales.refund'>['refund'];

/** A refund made: the document, the sale as it is now, and the supervisor who approved it (null when none was needed). */
export interface Refunded {
  readonly refund: Refund;
  readonly sale: Sale;
  readonly by: string | null;
}

export interface RefundFlowProps {
  readonly found: Found;
  readonly money: (minor: number) => string;
  readonly onBack: () => void;
  readonly onRefunded: (done: Refunded) => void;
  /** True while a request or the PIN dialog is under way: the sales dialog must not close or take keys. */
  readonly onLock: (locked: boolean) => void;
}

function problemText(t: T, problem: NonNullable<TypedRefund['problem']>): UiError {
  if (problem === 'REFUND_EXCEEDS_SOLD') return { code: problem, message: t.errors.REFUND_EXCEEDS_SOLD, local: true };
  return { code: 'QUANTITY_INVALID', message: problem === 'MALFORMED' ? t.sell.qtyMalformed : t.sell.qtyWhole, local: true };
}

/** The method a refund starts with: the sale's only payment method, else cash. */
function firstMethod(sale: Sale): PaymentMethod {
  const paid = sale.payments.map((p) => p.method);
  return paid.length === 1 && paid[0] !== undefined ? paid[0] : 'CASH';
}

export function RefundFlow({ found, money: m, onBack, onRefunded, onLock }: RefundFlowProps) {
  const t = useT();
  const { sale } = found;
  const [qty, setQty] = useState<Readonly<Record<number, string>>>({});
  const [method, setMethod] = useState<PaymentMethod>(() => firstMethod(sale));
  const [reason, setReason] = useState('');
  const [damaged, setDamaged] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<string | null>(null);
  const requestId = useRef(newRequestId());
  // Reported before paint, so an Esc at once cannot close the dialog under a request; released when this flow goes.
  useLayoutEffect(() => {
    onLock(busy || asking !== null);
    return () => onLock(false);
  }, [busy, asking, onLock]);

  const already = useMemo(() => refundedAmounts(found.refunds), [found]);
  const typed = useMemo(() => readRefundLines(sale.lines, qty), [qty, sale]);
  const problem = typed.problem === null ? null : problemText(t, typed.problem);
  const estimate = refundEstimate(typed.lines, already);

  const submit = async (grant: Grant | null) => {
    setAsking(null);
    if (busy) return;
    if (problem !== null) return setError(problem);
    if (typed.lines.length === 0) return setError({ code: 'VALIDATION_FAILED', message: t.salesDlg.nothingToRefund, local: true });
    if (reason.trim() === '') return setError({ code: 'VALIDATION_FAILED', message: t.salesDlg.reasonRequired, local: true });
    setError(null);
    setBusy(true);
    const reply = await invoke('sales.refund', {
      saleId: sale.id,
      lines: refundRequestLines(typed.lines),
      method,
      reason: reason.trim(),
      ...(damaged ? { damaged: true } : {}),
      ...(grant !== null ? { grantId: grant.grantId } : {}),
      requestId: requestId.current,
    });
    setBusy(false);
    if (reply.ok) {
      onRefunded({ refund: reply.data.refund, sale: reply.data.sale, by: grant?.supervisor.name ?? null });
      return;
    }
    if (reply.error.code === 'SUPERVISOR_REQUIRED' && grant === null) {
      const limit = reply.error.details?.limit;
      const reason = reply.error.details?.reason;
      setAsking(reason === 'OTHER_TENDER' ? t.salesDlg.refundOtherTender : typeof limit === 'number' ? t.salesDlg.refundNeedsSupervisor(m(limit)) : t.pin.supervisorHint);
      return;
    }
    setError(reply.error);
    requestId.current = newRequestId();
  };

  useHotkeys({ F2: () => void submit(null) }, !busy && asking === null);

  const firstOpen = sale.lines.findIndex((x) => leftToRefund(x) > 0);
  return (
    <>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(null);
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
              const avail = leftToRefund(l);
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
                      autoFocus={i === firstOpen}
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
        <ErrorBox error={error ?? problem} testid="sales-error" />
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={onBack} disabled={busy}>
            {t.common.back} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || typed.lines.length === 0} data-testid="refund-confirm">
            {t.salesDlg.confirmRefund} <Kbd k="F2" />
          </button>
        </div>
      </form>
      {asking !== null && <PinDialog title={t.pin.supervisorTitle} hint={asking} permission="sales:refund" onGranted={(g) => void submit(g)} onCancel={() => setAsking(null)} />}
    </>
  );
}

/** After a refund: its number, the money to give back and how, who approved it; Ctrl+P prints the slip, Enter finishes. */
export function RefundDone({ done, money: m, onPrint, onFinish }: { readonly done: Refunded; readonly money: (minor: number) => string; readonly onPrint: () => void; readonly onFinish: () => void }) {
  const t = useT();
  const { refund, by } = done;
  useHotkeys({ 'Ctrl+p': onPrint, Enter: onFinish });
  return (
    <div className="dialog-form">
      <div className="sale-number" data-testid="refund-number">
        {refund.refundNumber}
      </div>
      <div className="change-label">{t.salesDlg.giveBack(t.pay.methods[refund.method])}</div>
      <div className="change-big amount center" data-testid="refund-done-total" data-minor={refund.total}>
        {m(refund.total)}
      </div>
      <p className="muted center">
        {t.salesDlg.ofSale(refund.saleNumber)}
        {by !== null ? ` · ${t.pin.authorizedBy(by)}` : ''}
        {refund.restocked ? '' : ` · ${t.salesDlg.notRestocked}`}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={onPrint} data-testid="refund-print">
          {t.salesDlg.printSlip} <Kbd k="Ctrl+P" />
        </button>
        <button type="button" className="btn btn-primary" autoFocus onClick={onFinish} data-testid="refund-finish">
          {t.salesDlg.finish} <Kbd k="Enter" />
        </button>
      </div>
    </div>
  );
}
