// The cart card of the sell screen: an empty state with a hint, or the table of lines (one CartRow each). The
// selected line (the one just scanned) is scrolled into view, so on a short screen the newest line is never hidden.
import { useEffect, useRef } from 'react';
import type { CurrencyCode } from '../../../src/money/currencies';
import { type UiError } from '../../components/ui';
import { useT } from '../../i18n';
import { useCart } from '../../stores/cart';
import { CartRow } from './CartRow';

const BARS = [2, 6, 9, 14, 17, 20, 25, 29, 31, 36, 40, 43, 47, 50, 55, 58, 61];

export function Cart({ currency, onDone, onError }: { readonly currency: CurrencyCode; readonly onDone: () => void; readonly onError: (error: UiError | null) => void }) {
  const t = useT();
  const lines = useCart((s) => s.lines);
  const selected = useCart((s) => s.selected);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector(`[data-testid="cart-line-${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, lines.length]);
  return (
    <div className="card cart" ref={box}>
      {lines.length === 0 ? (
        <div className="cart-empty" data-testid="cart-empty">
          <svg viewBox="0 0 64 40" width="96" aria-hidden="true">
            {BARS.map((x, i) => (
              <rect key={x} x={x} y={2} width={i % 3 === 0 ? 2 : 1} height={36} fill="#94a3b8" />
            ))}
          </svg>
          <p className="empty-title">{t.sell.empty}</p>
          <p className="muted small">{t.sell.emptyHint}</p>
        </div>
      ) : (
        <table className="cart-table" data-testid="cart">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>{t.sell.product}</th>
              <th className="num">{t.sell.price}</th>
              <th className="center">{t.sell.qty}</th>
              <th className="num">{t.sell.discount}</th>
              <th className="num">{t.sell.lineTotal}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <CartRow key={l.product.id} line={l} index={i} selected={i === selected} currency={currency} onDone={onDone} onError={onError} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
