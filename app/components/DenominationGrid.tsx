// Counting the drawer: one row per bill and coin of the register's currency, a quantity per row, a running total.
// Keyboard: Enter / ↓ go to the next row, ↑ to the previous, + and − adjust; touch: the − and + buttons.
import type { KeyboardEvent } from 'react';
import { useRef } from 'react';
import type { CurrencyCode } from '../../src/money/currencies';
import { CURRENCIES } from '../../src/money/currencies';
import { useT } from '../i18n';
import { formatDenomination, formatMoney } from '../money';

export type Quantities = Readonly<Record<number, number>>;

export function gridTotal(q: Quantities): number {
  return Object.entries(q).reduce((sum, [value, n]) => sum + Number(value) * n, 0);
}

/** The count as the contract takes it: only rows with a quantity. */
export function countInput(q: Quantities): { denominations: { value: number; quantity: number }[] } {
  return {
    denominations: Object.entries(q)
      .map(([value, quantity]) => ({ value: Number(value), quantity }))
      .filter((d) => d.quantity > 0)
      .sort((a, b) => b.value - a.value),
  };
}

export interface DenominationGridProps {
  readonly currency: CurrencyCode;
  readonly value: Quantities;
  readonly onChange: (q: Quantities) => void;
  readonly autoFocus?: boolean;
  /** Called on Enter in the last row (or in any row with `enterSubmits`). */
  readonly onDone?: () => void;
  /** Enter calls onDone from every row (the close screen: "Enter cierra"); ↓ still moves down. */
  readonly enterSubmits?: boolean;
}

export function DenominationGrid({ currency, value, onChange, autoFocus = false, onDone, enterSubmits = false }: DenominationGridProps) {
  const t = useT();
  const info = CURRENCIES[currency];
  const all = [...info.bills, ...info.coins];
  const refs = useRef<Map<number, HTMLInputElement>>(new Map());
  const set = (d: number, n: number) => onChange({ ...value, [d]: Math.max(0, Math.min(1_000_000, n)) });
  const focusAt = (i: number) => {
    const d = all[i];
    if (d !== undefined) {
      const el = refs.current.get(d);
      el?.focus();
      el?.select();
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>, d: number, i: number) => {
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (e.key === 'Enter' && (i === all.length - 1 || enterSubmits) && onDone) onDone();
      else focusAt(i + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(i - 1);
    } else if (e.key === '+' || e.key === '-') {
      e.preventDefault();
      set(d, (value[d] ?? 0) + (e.key === '+' ? 1 : -1));
    }
  };
  const row = (d: number, i: number) => {
    const n = value[d] ?? 0;
    return (
      <div className={n > 0 ? 'denom-row filled' : 'denom-row'} key={d}>
        <label className="denom-label" htmlFor={`denom-${d}`}>
          {formatDenomination(d, currency, t.locale)}
        </label>
        <button type="button" className="denom-step" tabIndex={-1} aria-label="−" onMouseDown={(e) => e.preventDefault()} onClick={() => set(d, n - 1)}>
          −
        </button>
        <input
          id={`denom-${d}`}
          ref={(el) => {
            if (el) refs.current.set(d, el);
            else refs.current.delete(d);
          }}
          className="denom-input"
          inputMode="numeric"
          autoComplete="off"
          autoFocus={autoFocus && i === 0}
          value={n === 0 ? '' : String(n)}
          placeholder="0"
          data-testid={`denom-${d}`}
          onFocus={(e) => e.target.select()}
          onChange={(e) => set(d, Number(e.target.value.replace(/\D/g, '').slice(0, 7) || '0'))}
          onKeyDown={(e) => onKey(e, d, i)}
        />
        <button type="button" className="denom-step" tabIndex={-1} aria-label="+" onMouseDown={(e) => e.preventDefault()} onClick={() => set(d, n + 1)}>
          +
        </button>
        <span className="denom-subtotal amount">{n > 0 ? formatMoney(d * n, currency, t.locale) : ''}</span>
      </div>
    );
  };
  return (
    <div className="denom-grid" data-testid="denom-grid">
      <div className="denom-cols">
        <div className="denom-col">
          <div className="denom-head">{t.grid.bills}</div>
          {info.bills.map((d, i) => row(d, i))}
        </div>
        <div className="denom-col">
          <div className="denom-head">{t.grid.coins}</div>
          {info.coins.map((d, i) => row(d, i + info.bills.length))}
        </div>
      </div>
      <div className="denom-foot">
        <span className="muted small">{t.grid.hint}</span>
        <span className="denom-total">
          {t.grid.total}{' '}
          <strong className="amount" data-testid="count-total" data-minor={gridTotal(value)}>
            {formatMoney(gridTotal(value), currency, t.locale)}
          </strong>
        </span>
      </div>
    </div>
  );
}
