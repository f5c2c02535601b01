// One line of the cart: name, price, quantity (typed or stepped with − +), line discount, total, remove. A typed
// quantity or discount is committed on Enter, Escape or leaving the box; a quantity the unit does not take (3.5 of a
// UNIT item) is refused with a local error and the box shows the cart's quantity again. A discount is an amount ("10" =
// Bs 10) or a percentage of the line ("10%"); one the parser refuses is a local error, never silently ignored.
import type { KeyboardEvent } from 'react';
import { useEffect, useState } from 'react';
import type { CurrencyCode } from '../../../src/money/currencies';
import { type UiError } from '../../components/ui';
import { useT } from '../../i18n';
import { parseDiscount, formatPercent } from '../../../src/sale/discount';
import { decimalSeparator, formatMoney, parseTypedAmount } from '../../money';
import { formatQuantity, parseTypedQuantity } from '../../quantity';
import type { CartLine } from '../../stores/cart';
import { lineTotal, quantityText, unitOf, useCart } from '../../stores/cart';

/** `onDone`: editing ended (Enter, Escape), the search box takes the focus back. */
export function CartRow({
  line,
  index,
  selected,
  currency,
  onDone,
  onError,
}: {
  readonly line: CartLine;
  readonly index: number;
  readonly selected: boolean;
  readonly currency: CurrencyCode;
  readonly onDone: () => void;
  readonly onError: (error: UiError | null) => void;
}) {
  const t = useT();
  const setQuantity = useCart((s) => s.setQuantity);
  const setDiscount = useCart((s) => s.setDiscount);
  const remove = useCart((s) => s.remove);
  const select = useCart((s) => s.select);
  const unit = unitOf(line.product);
  const shown = formatQuantity(line.milli, unit, t.locale);
  const [qty, setQty] = useState(shown);
  const sep = decimalSeparator(t.locale);
  const shownDisc =
    line.discountBp !== undefined ? formatPercent(line.discountBp, sep) : line.discount ? formatMoney(line.discount, currency, t.locale).replace(/[^\d.,]/g, '') : '';
  const [disc, setDisc] = useState(shownDisc);
  useEffect(() => setQty(shown), [shown]);
  useEffect(() => setDisc(shownDisc), [shownDisc]);
  const m = (v: number) => formatMoney(v, currency, t.locale);
  const commitQty = () => {
    const parsed = parseTypedQuantity(qty, unit);
    if (parsed.ok && setQuantity(index, parsed.milli)) {
      onError(null);
      return;
    }
    setQty(shown);
    onError({ code: 'QUANTITY_INVALID', message: !parsed.ok && parsed.error === 'MALFORMED' ? t.sell.qtyMalformed : t.sell.qtyWhole, local: true });
  };
  const commitDisc = () => {
    if (disc.trim() === '') return setDiscount(index, null);
    const typed = parseDiscount(disc, currency, sep);
    if (typed.ok && typed.value.kind === 'PERCENT') {
      onError(null);
      return setDiscount(index, typed.value);
    }
    // Amounts keep the screen's reading of a typed amount (either decimal mark when unambiguous).
    const amount = parseTypedAmount(disc, currency, t.locale);
    if (amount.ok) {
      onError(null);
      return setDiscount(index, { kind: 'AMOUNT', minor: amount.value });
    }
    setDisc(shownDisc);
    onError({ code: 'VALIDATION_FAILED', message: t.sell.discountInvalid, local: true });
  };
  const keys = (commit: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === 'Escape') {
      e.preventDefault();
      commit();
      onDone();
    }
  };
  // A "−" that would take the line to nothing deletes it: ask first (a slip of the finger should not lose a line).
  const step = (delta: number) => {
    if (line.milli + delta <= 0 && !window.confirm(t.counter.confirmRemove(line.product.name))) return;
    setQuantity(index, line.milli + delta);
  };
  return (
    <tr
      className={selected ? 'selected' : ''}
      data-testid={`cart-line-${index}`}
      data-product={line.product.sku}
      data-qty={quantityText(line)}
      data-unit={unit}
      data-minor={lineTotal(line)}
      onClick={() => select(index)}
    >
      <td className="num muted">{index + 1}</td>
      <td>
        <div className="line-name">{line.product.name}</div>
        <div className="muted small">
          {line.product.sku}
          {unit === 'KG' && <span className="unit-tag">{t.sell.perKg}</span>}
        </div>
      </td>
      <td className="num amount">
        {m(line.product.price)}
        {unit === 'KG' && <span className="muted small">/kg</span>}
      </td>
      <td className="qty-cell">
        <button type="button" className="step" tabIndex={-1} aria-label="−" onMouseDown={(e) => e.preventDefault()} onClick={() => step(-1000)}>
          −
        </button>
        <input
          className={unit === 'KG' ? 'qty-input qty-kg' : 'qty-input'}
          inputMode={unit === 'KG' ? 'decimal' : 'numeric'}
          value={qty}
          aria-label={unit === 'KG' ? `${t.sell.qty} (kg)` : t.sell.qty}
          data-testid={`cart-qty-${index}`}
          onFocus={(e) => e.target.select()}
          onChange={(e) => setQty(e.target.value)}
          onBlur={commitQty}
          onKeyDown={keys(commitQty)}
        />
        <button type="button" className="step" tabIndex={-1} aria-label="+" onMouseDown={(e) => e.preventDefault()} onClick={() => step(1000)}>
          +
        </button>
      </td>
      <td className="num">
        <input className="disc-input" inputMode="decimal" value={disc} placeholder="0" aria-label={t.sell.discount} data-testid={`cart-discount-${index}`} onChange={(e) => setDisc(e.target.value)} onBlur={commitDisc} onKeyDown={keys(commitDisc)} />
      </td>
      <td className="num amount strong">{m(lineTotal(line))}</td>
      <td>
        <button type="button" className="icon-btn" aria-label={t.sell.removeLine} title={t.sell.removeLine} data-testid={`cart-remove-${index}`} onMouseDown={(e) => e.preventDefault()} onClick={() => remove(index)}>
          ×
        </button>
      </td>
    </tr>
  );
}
