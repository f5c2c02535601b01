// The payment dialog: one or more tenders (split payment), a reference for non-cash ones, the change in large type.
// Keyboard: type the amount received and Enter (empty = the exact amount due); ↑ ↓ change the payment method;
// Enter (or F2) with the total covered confirms; after the sale, Enter starts a new one and Ctrl+P prints.
// The dialog sells the cart as it was when it opened, under the cart's own requestId (`cart:<id>`): if another tab sells
// the same cart meanwhile, this one says so, and confirming here replays that sale (or is refused) instead of a second.
import { useRef, useState } from 'react';
import type { CurrencyCode } from '../../../src/money/currencies';
import type { CashRounding } from '../../../src/money/rounding';
import { NO_CASH_ROUNDING, roundCash } from '../../../src/money/rounding';
import type { PaymentMethod } from '../../../src/sale/methods';
import { PAYMENT_METHODS } from '../../../src/sale/methods';
import { quickCashAmounts } from '../../../src/money/quick-cash';
import { useHotkeys } from '../../actions';
import { invoke } from '../../api';
import { type UiError, Dialog, ErrorBox, Kbd } from '../../components/ui';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { useT } from '../../i18n';
import { formatMoney, parseTypedAmount } from '../../money';
import type { CartLine } from '../../stores/cart';
import { cartRequestId, contractQuantity, lineDiscount, useCart } from '../../stores/cart';
import type { CurrentCash } from '../../stores/session';
import type { Sale } from '../sales/Receipt';

interface Tender {
  readonly method: PaymentMethod;
  readonly amount: number;
  readonly reference: string;
}

export interface PayDialogProps {
  readonly currency: CurrencyCode;
  /** The cart being sold: its id (the sale's requestId derives from it), lines and total, as the dialog opened. */
  readonly cartId: string;
  readonly lines: readonly CartLine[];
  readonly total: number;
  /** The register's cash rounding: the cash part is paid rounded, as the engine will settle it. */
  readonly cashRounding?: CashRounding;
  /** The sale made of cart `cartId`, and the seller's session with it counted (the engine's reply: nothing to fetch again). */
  readonly onSold: (sale: Sale, current: CurrentCash, cartId: string) => void;
  readonly onPrint: (sale: Sale) => void;
  readonly onClose: () => void;
}

export function PayDialog({ currency, cashRounding = NO_CASH_ROUNDING, onSold, onPrint, onClose, ...live }: PayDialogProps) {
  // The cart as the dialog opened: a change behind it (another tab selling or clearing it) does not change this sale.
  const [{ cartId, lines, total }] = useState(() => ({ cartId: live.cartId, lines: live.lines, total: live.total }));
  const t = useT();
  const m = (v: number) => formatMoney(v, currency, t.locale);
  const [tenders, setTenders] = useState<readonly Tender[]>([]);
  const [method, setMethod] = useState<PaymentMethod>('CASH');
  const [text, setText] = useState('');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sale, setSale] = useState<Sale | null>(null);
  // The engine refused this cart's id with other tenders: it was sold elsewhere, so confirming again cannot help.
  const [soldWithOtherTenders, setSoldWithOtherTenders] = useState(false);
  const [asking, setAsking] = useState(false);
  const requestId = useRef(cartRequestId(cartId));
  // Another tab sold (or emptied) this cart: the shared cart moved on to a new id.
  const soldElsewhere = useCart((s) => s.cartId !== cartId);
  const amountRef = useRef<HTMLInputElement>(null);

  const paid = tenders.reduce((s, x) => s + x.amount, 0);
  const nonCash = tenders.filter((x) => x.method !== 'CASH').reduce((s, x) => s + x.amount, 0);
  // Only the cash part is rounded (src/sale/sale.ts settles it the same way): shown as soon as cash is the method.
  const cashDue = Math.max(0, total - nonCash);
  const cashTendered = tenders.some((x) => x.method === 'CASH');
  const rounding = cashTendered || method === 'CASH' ? roundCash(cashDue, cashRounding) - cashDue : 0;
  const payable = total + (cashTendered ? rounding : 0);
  const toPay = total + rounding;
  const remaining = Math.max(0, toPay - paid);
  const change = Math.max(0, paid - payable);
  // A total whose cash due rounds to nothing (Bs 0.04 at Bs 0.10) is paid in cash with no tender at all (src/sale/sale.ts).
  const nothingToHand = tenders.length === 0 && method === 'CASH' && total > 0 && roundCash(total, cashRounding) === 0;
  const covered = nothingToHand || (paid >= payable && (cashTendered || paid >= total));

  const confirm = async (grant: Grant | null = null) => {
    if (busy || !covered || sale !== null || soldWithOtherTenders) return;
    setAsking(false);
    setBusy(true);
    setError(null);
    const reply = await invoke('sales.create', {
      lines: lines.map((l) => {
        const discount = lineDiscount(l);
        return { productId: l.product.id, quantity: contractQuantity(l), ...(discount > 0 ? { discount } : {}) };
      }),
      // A cash tender of 0 is what "Enter" adds when the cash due rounds to nothing (Bs 0.04 at Bs 0.10): no tender.
      payments: tenders.filter((x) => x.amount > 0).map((x) => ({ method: x.method, amount: x.amount, ...(x.reference.trim() ? { reference: x.reference.trim() } : {}) })),
      requestId: requestId.current,
      ...(grant !== null ? { grantId: grant.grantId } : {}),
    });
    setBusy(false);
    if (reply.ok) {
      setSale(reply.data.sale);
      onSold(reply.data.sale, reply.data.current, cartId);
    } else if (reply.error.code === 'IDEMPOTENCY_CONFLICT') {
      // This cart id already made a sale with other tenders (another tab): it is sold; nothing more to record here.
      if (useCart.getState().cartId === cartId) useCart.getState().clear();
      setSoldWithOtherTenders(true);
      setError({ code: reply.error.code, message: t.pay.alreadySold, local: true });
    } else if (reply.error.code === 'SUPERVISOR_REQUIRED' && reply.error.details?.permission === 'sales:discount' && grant === null) {
      // Discounts past the register's ceilings (or a sale left with nothing to pay): a supervisor approves it here.
      setAsking(true);
    } else setError(reply.error);
  };

  const add = () => {
    setError(null);
    if (text.trim() === '') {
      if (covered) {
        void confirm();
        return;
      }
      push(remaining);
      return;
    }
    const parsed = parseTypedAmount(text, currency, t.locale);
    if (!parsed.ok) {
      setError({ code: 'VALIDATION_FAILED', message: t.amountErrors[parsed.error], local: true });
      return;
    }
    if (parsed.value <= 0) return;
    push(parsed.value);
  };

  const push = (amount: number) => {
    if (method !== 'CASH' && nonCash + amount > total) {
      setError({ code: 'NON_CASH_OVERPAYMENT', message: t.pay.nonCashOver, local: true });
      return;
    }
    setTenders((ts) => [...ts, { method, amount, reference }]);
    setText('');
    setReference('');
    setMethod('CASH');
    amountRef.current?.focus();
  };

  const cycle = (step: 1 | -1) => {
    const i = PAYMENT_METHODS.indexOf(method);
    const next = PAYMENT_METHODS[(i + step + PAYMENT_METHODS.length) % PAYMENT_METHODS.length];
    if (next !== undefined) setMethod(next);
  };

  useHotkeys(
    sale === null
      ? asking
        ? {}
        : { F2: () => void confirm() }
      : {
          Enter: onClose,
          'Ctrl+p': () => onPrint(sale),
        },
  );

  if (sale !== null) {
    return (
      <Dialog title={t.pay.done} testid="pay-dialog" onClose={onClose} className="pay-done">
        <div className="sale-number" data-testid="sale-number">
          {sale.saleNumber}
        </div>
        <div className="change-label">{sale.change > 0 ? t.pay.giveChange : t.pay.noChange}</div>
        <div className="change-big amount" data-testid="pay-change" data-minor={sale.change}>
          {m(sale.change)}
        </div>
        <div className="muted center">
          {t.common.total} {m(sale.total)}
          {sale.cashRounding !== 0 ? ` · ${t.pay.rounding} ${sale.cashRounding > 0 ? '+' : ''}${m(sale.cashRounding)}` : ''} · {t.pay.paid} {m(sale.payments.reduce((s, p) => s + p.tendered, 0))}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" data-testid="pay-print" onClick={() => onPrint(sale)}>
            {t.pay.print} <Kbd k="Ctrl+P" />
          </button>
          <button type="button" className="btn btn-primary" autoFocus data-testid="pay-new-sale" onClick={onClose}>
            {t.pay.newSale} <Kbd k="Enter" />
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <>
      <Dialog title={t.pay.title} testid="pay-dialog" onClose={busy ? null : onClose} wide>
        {soldElsewhere && (
          <div className="alert alert-warn" data-testid="pay-sold-elsewhere">
            {t.pay.soldElsewhere}
          </div>
        )}
        <div className="pay-grid">
          <div className="pay-left">
            <div className="pay-methods" role="radiogroup" aria-label={t.pay.method}>
              {PAYMENT_METHODS.map((x) => (
                <button
                  key={x}
                  type="button"
                  role="radio"
                  aria-checked={x === method}
                  className={x === method ? 'method active' : 'method'}
                  data-testid={`pay-method-${x}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setMethod(x);
                    amountRef.current?.focus();
                  }}
                >
                  {t.pay.methods[x]}
                </button>
              ))}
            </div>
            <form
              className="pay-entry"
              onSubmit={(e) => {
                e.preventDefault();
                add();
              }}
            >
              <label className="field-label" htmlFor="pay-amount">
                {t.pay.amount} · {t.pay.methods[method]}
              </label>
              <div className="amount-field">
                <span className="amount-currency">{currency}</span>
                <input
                  ref={amountRef}
                  id="pay-amount"
                  className="amount-input"
                  inputMode="decimal"
                  autoComplete="off"
                  autoFocus
                  value={text}
                  placeholder={covered ? '' : `${m(remaining)} · ${t.pay.amountHint}`}
                  data-testid="pay-amount"
                  onChange={(e) => {
                    setText(e.target.value);
                    setError(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      cycle(e.key === 'ArrowDown' ? 1 : -1);
                    }
                  }}
                />
              </div>
              {method !== 'CASH' && (
                <input
                  className="text-input"
                  value={reference}
                  maxLength={80}
                  placeholder={`${t.pay.reference}: ${t.pay.referenceHint}`}
                  aria-label={t.pay.reference}
                  data-testid="pay-reference"
                  onChange={(e) => setReference(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      add();
                    }
                  }}
                />
              )}
              {method === 'CASH' && !covered && (
                <div className="quick-cash" role="group" aria-label={t.counter.quickCash} data-testid="quick-cash">
                  {quickCashAmounts(remaining, currency).map((v, i) => (
                    <button key={v} type="button" className="btn btn-ghost btn-small" data-testid={`quick-cash-${i}`} data-minor={v} onMouseDown={(e) => e.preventDefault()} onClick={() => push(v)}>
                      {i === 0 ? `${t.counter.exact} ${m(v)}` : m(v)}
                    </button>
                  ))}
                </div>
              )}
              <p className="muted small">↑ ↓ {t.pay.method} · Enter {t.pay.add.toLowerCase()}</p>
              <ErrorBox error={error} testid="pay-error" />
              <div className="dialog-actions">
                <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy} data-testid="pay-cancel">
                  {t.common.cancel} <Kbd k="Esc" />
                </button>
                <button type="submit" className="btn btn-ghost" disabled={busy || covered} data-testid="pay-add">
                  {t.pay.add} <Kbd k="Enter" />
                </button>
                <button type="button" className="btn btn-primary" disabled={busy || !covered || soldWithOtherTenders} data-testid="pay-confirm" onClick={() => void confirm()}>
                  {t.pay.confirm} <Kbd k="F2" />
                </button>
              </div>
            </form>
          </div>
          <div className="pay-right">
            <dl className="pay-sums">
              <div>
                <dt>{t.pay.toPay}</dt>
                <dd className="amount" data-testid="pay-total" data-minor={total}>
                  {m(total)}
                </dd>
              </div>
              {rounding !== 0 && (
                <>
                  <div className="muted">
                    <dt>{t.pay.rounding}</dt>
                    <dd className="amount" data-testid="pay-rounding" data-minor={rounding}>
                      {rounding > 0 ? '+' : ''}
                      {m(rounding)}
                    </dd>
                  </div>
                  <div>
                    <dt>{t.pay.toPayCash}</dt>
                    <dd className="amount" data-testid="pay-cash-due" data-minor={cashDue + rounding}>
                      {m(cashDue + rounding)}
                    </dd>
                  </div>
                </>
              )}
              <div>
                <dt>{t.pay.paid}</dt>
                <dd className="amount" data-testid="pay-paid" data-minor={paid}>
                  {m(paid)}
                </dd>
              </div>
              <div className={covered ? '' : 'due'}>
                <dt>{t.pay.remaining}</dt>
                <dd className="amount" data-testid="pay-remaining" data-minor={remaining}>
                  {m(remaining)}
                </dd>
              </div>
            </dl>
            <div className="change-box">
              <div className="change-label">{t.pay.change}</div>
              <div className="change-big amount" data-testid="pay-change-preview" data-minor={change}>
                {m(change)}
              </div>
            </div>
            <h3 className="section-title">{t.pay.tenders}</h3>
            {tenders.length === 0 ? (
              <p className="muted small">{t.pay.noTenders}</p>
            ) : (
              <ul className="tender-list">
                {tenders.map((x, i) => (
                  <li key={i} data-testid={`tender-${i}`} data-method={x.method} data-minor={x.amount}>
                    <span>
                      {t.pay.methods[x.method]}
                      {x.reference ? <span className="muted small"> · {x.reference}</span> : null}
                    </span>
                    <span className="amount">{m(x.amount)}</span>
                    <button
                      type="button"
                      className="icon-btn"
                      aria-label={t.pay.removeTender}
                      title={t.pay.removeTender}
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => setTenders((ts) => ts.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </Dialog>
      {asking && <PinDialog title={t.pin.supervisorTitle} hint={t.pay.discountNeedsSupervisor} permission="sales:discount" onGranted={(g) => void confirm(g)} onCancel={() => setAsking(false)} />}
    </>
  );
}
