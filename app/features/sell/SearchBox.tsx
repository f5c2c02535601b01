// The sell screen's search box, which always has the focus: a scan (fast keystrokes ending in Enter) adds the product
// by barcode or SKU; typing a name lists matches to pick with ↑ ↓ and Enter; "3*code" adds three. With the box empty,
// Enter pays, ↑ ↓ pick a cart line, + and − change its quantity and Supr removes it.
import type { KeyboardEvent, RefObject } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { CurrencyCode } from '../../../src/money/currencies';
import { type UiError } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../money';
import { useCart } from '../../stores/cart';
import type { Found } from './lookup';
import { lookup } from './lookup';
import { nameQuery, readEntry } from './scanner';
import { parseLabelBarcode } from '../../../src/catalog/label-barcode';
import { usePrinter } from '../../stores/printer';
import { unitOf } from '../../stores/cart';
import { WeightDialog } from './WeightDialog';
import { useScanner } from './useScanner';

export interface SearchBoxProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly currency: CurrencyCode;
  /** False on an AGENTS_ONLY register: Enter on an empty box does not pay. */
  readonly canSell: boolean;
  /** A dialog is open: the box does not take the focus back. */
  readonly dialogOpen: boolean;
  readonly error: UiError | null;
  readonly onError: (error: UiError | null) => void;
  /** Enter on an empty box with a cart to pay. */
  readonly onPay: () => void;
}

export function SearchBox({ inputRef, currency, canSell, dialogOpen, error, onError, onPay }: SearchBoxProps) {
  const t = useT();
  const lines = useCart((s) => s.lines);
  const selected = useCart((s) => s.selected);
  const cart = useCart.getState;
  const scanner = useScanner();
  const [query, setQuery] = useState('');
  const [suggestions, setSuggestions] = useState<readonly Found[]>([]);
  const [highlight, setHighlight] = useState(-1);
  /** A weighed product scanned without a weight: the weight prompt is open for it. */
  const [weighing, setWeighing] = useState<Found | null>(null);
  const seq = useRef(0);
  const m = (v: number) => formatMoney(v, currency, t.locale);

  // Name search while typing (not while a scanner is emitting): debounced, newest reply wins.
  useEffect(() => {
    const q = nameQuery(query);
    if (q.length < 2 || scanner.isScanner()) {
      setSuggestions([]);
      setHighlight(-1);
      return;
    }
    const mine = ++seq.current;
    const timer = window.setTimeout(() => {
      void lookup(q, 8).then((r) => {
        if (mine !== seq.current) return;
        if (r.ok) {
          setSuggestions(r.found);
          setHighlight(r.found.length > 0 ? 0 : -1);
        }
      });
    }, 120);
    return () => window.clearTimeout(timer);
  }, [query, scanner]);

  const addFound = (f: Found, milli: number) => {
    if (!f.active) {
      onError({ code: 'PRODUCT_INACTIVE', message: t.errors.PRODUCT_INACTIVE, local: true });
      return;
    }
    if (!cart().add(f.product, milli)) {
      onError({ code: 'QUANTITY_INVALID', message: t.sell.qtyWhole, local: true });
      return;
    }
    setSuggestions([]);
    setHighlight(-1);
    onError(null);
  };

  // Scans are resolved one after another, in the order they were read, even when the scanner is faster than the
  // engine: the box is emptied at once so the next code starts clean.
  // A weighed product with no weight said ("0,750*code" or a scale label) is not sold as 1 kg: the weight is asked.
  const addOrWeigh = (f: Found, quantity: number, explicit: boolean) => {
    if (!explicit && f.active && unitOf(f.product) === 'KG') setWeighing(f);
    else addFound(f, quantity);
  };

  const resolveCode = async (code: string, quantity: number, explicit: boolean) => {
    const r = await lookup(code, 8);
    if (!r.ok) {
      onError(r.error);
      return;
    }
    const exact = r.found.find((f) => f.exact);
    // A scale label (EAN-13, 20–29) that is not itself a product's barcode: its item code and weight or price.
    const label = exact === undefined ? parseLabelBarcode(code, usePrinter.getState().counter.labelLayout) : null;
    if (label !== null) {
      const byItem = await lookup(label.itemCode, 8);
      const item = byItem.ok ? byItem.found.find((f) => f.exact) : undefined;
      if (item === undefined) {
        onError({ code: 'NOT_FOUND', message: t.sell.notFound(code), local: true });
        return;
      }
      if (label.kind === 'WEIGHT') addFound(item, label.milli);
      // A price label on a weighed item: the weight that price buys at the item's price per kg (thousandths).
      else if (unitOf(item.product) === 'KG' && item.product.price > 0) addFound(item, Math.max(1, Math.round((label.price * 1000) / item.product.price)));
      else addFound(item, 1000);
      return;
    }
    if (exact !== undefined) addOrWeigh(exact, quantity, explicit);
    else if (r.found.length === 1 && r.found[0] !== undefined) addOrWeigh(r.found[0], quantity, explicit);
    else if (r.found.length > 1) {
      setSuggestions(r.found);
      setHighlight(0);
      setQuery(code);
    } else onError({ code: 'NOT_FOUND', message: t.sell.notFound(code), local: true });
  };

  const enter = () => {
    if (query.trim() === '') {
      if (lines.length > 0 && canSell) onPay();
      return;
    }
    const entry = readEntry(query);
    if (!entry.ok) {
      onError({ code: 'QUANTITY_INVALID', message: t.sell.qtyMalformed, local: true });
      return;
    }
    const explicit = nameQuery(query) !== query.trim();
    const picked = highlight >= 0 && !scanner.isScanner() ? suggestions[highlight] : undefined;
    setQuery('');
    scanner.reset();
    seq.current++; // a pending name search must not reopen the list
    if (picked !== undefined && !picked.exact) {
      addFound(picked, entry.milli);
      return;
    }
    setSuggestions([]);
    void scanner.enqueue(() => resolveCode(entry.code, entry.milli, explicit));
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    scanner.key(e.key);
    const empty = query === '';
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        enter();
        return;
      case 'Escape':
        e.preventDefault();
        setQuery('');
        setSuggestions([]);
        onError(null);
        return;
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        if (suggestions.length > 0) setHighlight((h) => (h + step + suggestions.length) % suggestions.length);
        else if (lines.length > 0) cart().select(Math.max(0, Math.min(lines.length - 1, (selected < 0 ? lines.length : selected) + step)));
        return;
      }
      case '+':
      case '-':
        if (empty && selected >= 0) {
          e.preventDefault();
          const line = lines[selected];
          const next = line ? line.milli + (e.key === '+' ? 1000 : -1000) : 0;
          if (line && (next > 0 || window.confirm(t.counter.confirmRemove(line.product.name)))) cart().setQuantity(selected, next);
        }
        return;
      case 'Delete':
        if (empty && selected >= 0) {
          e.preventDefault();
          cart().remove(selected);
        }
        return;
      default:
    }
  };

  return (
    <div className="search-wrap">
      {weighing !== null && (
        <WeightDialog
          name={weighing.product.name}
          onWeighed={(milli) => {
            addFound(weighing, milli);
            setWeighing(null);
            inputRef.current?.focus();
          }}
          onCancel={() => {
            setWeighing(null);
            inputRef.current?.focus();
          }}
        />
      )}
      <input
        ref={inputRef}
        className="search-input"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder={t.sell.searchPlaceholder}
        aria-label={t.sell.searchLabel}
        aria-expanded={suggestions.length > 0}
        aria-controls="suggestions"
        role="combobox"
        data-testid="search"
        onChange={(e) => {
          setQuery(e.target.value);
          if (error?.code === 'NOT_FOUND') onError(null);
        }}
        onKeyDown={onKey}
        onBlur={() =>
          window.setTimeout(() => {
            const a = document.activeElement;
            if (!dialogOpen && (a === null || a === document.body || a.tagName === 'BUTTON')) inputRef.current?.focus();
          }, 0)
        }
      />
      {suggestions.length > 0 && (
        <ul className="suggestions" id="suggestions" role="listbox" data-testid="suggestions">
          {suggestions.map((f, i) => (
            <li
              key={f.product.id}
              role="option"
              aria-selected={i === highlight}
              className={i === highlight ? 'active' : ''}
              data-testid={`suggestion-${i}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => addFound(f, 1000)}
            >
              <span>
                {f.product.name} <span className="muted small">{f.product.sku}</span>
              </span>
              <span className="amount">{m(f.product.price)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
