// The sell screen. The search box always has the focus: a barcode scanner (fast keystrokes ending in Enter) adds the
// product by barcode or SKU; typing a name lists matches to pick with ↑ ↓ and Enter; "3*code" adds three. With the
// box empty, ↑ ↓ pick a cart line, + and − change its quantity and Supr removes it. F-keys run the drawer actions.
import type { KeyboardEvent } from 'react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { refreshCash, useHotkeys } from '../../actions';
import { invoke } from '../../api';
import { usePrint } from '../../components/Print';
import { Shell } from '../../components/Shell';
import { type UiError, ErrorBox } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney, parseTypedAmount } from '../../money';
import { formatQuantity, parseTypedQuantity } from '../../quantity';
import type { CartLine, CartProduct } from '../../stores/cart';
import { cartTotal, lineTotal, quantityText, unitOf, useCart } from '../../stores/cart';
import { useNav } from '../../stores/nav';
import type { AuthUser } from '../../stores/session';
import { useSession } from '../../stores/session';
import type { DrawerAction } from '../drawer/DrawerActions';
import { ActionButtons, DrawerDialogs, Toast, TotalCard, actionHotkeys, useDrawerActions, useToast } from '../drawer/DrawerActions';
import { PayDialog } from './PayDialog';
import { SalesDialog } from '../sales/SalesDialog';
import type { Sale } from '../sales/Receipt';
import { Receipt } from '../sales/Receipt';

type Session = NonNullable<CommandOutput<'cash.current'>['session']>;
type Product = CommandOutput<'products.search'>['products'][number];

interface Found {
  readonly product: CartProduct;
  readonly active: boolean;
  readonly exact: boolean;
}

const SCANNER_GAP_MS = 35;
const LAST_SALE_KEY = 'arqueo.lastSale';

function toCart(p: Product): CartProduct {
  return { id: p.id, sku: p.sku, barcode: p.barcode, name: p.name, price: p.price, unit: p.unit };
}

/** products.search: exact barcode/SKU matches first, then names. */
async function lookup(query: string, limit: number): Promise<{ ok: true; found: Found[] } | { ok: false; error: ReplyError }> {
  const reply = await invoke('products.search', { query: query.trim(), limit });
  if (!reply.ok) return { ok: false, error: reply.error };
  return { ok: true, found: reply.data.products.map((p) => ({ product: toCart(p), active: p.active, exact: p.match !== 'NAME' })) };
}

function readLastSale(): Sale | null {
  try {
    const raw = sessionStorage.getItem(LAST_SALE_KEY);
    return raw === null ? null : (JSON.parse(raw) as Sale);
  } catch {
    return null;
  }
}

function LineRow({
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
  readonly currency: Session['currency'];
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
  const [disc, setDisc] = useState(line.discount ? formatMoney(line.discount, currency, t.locale).replace(/[^\d.,]/g, '') : '');
  useEffect(() => setQty(shown), [shown]);
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
    if (disc.trim() === '') return setDiscount(index, 0);
    const p = parseTypedAmount(disc, currency, t.locale);
    if (p.ok) setDiscount(index, p.value);
  };
  const keys = (commit: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === 'Escape') {
      e.preventDefault();
      commit();
      onDone();
    }
  };
  const step = (delta: number) => setQuantity(index, line.milli + delta);
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

type DialogKind = 'pay' | 'in' | 'out' | 'count' | 'sales' | null;

export function Sell({ session, user }: { readonly session: Session; readonly user: AuthUser }) {
  const t = useT();
  const go = useNav((s) => s.go);
  const print = usePrint((s) => s.print);
  const lines = useCart((s) => s.lines);
  const selected = useCart((s) => s.selected);
  const cart = useCart.getState;
  const [query, setQuery] = useState('');
  const [suggestions, setSuggestions] = useState<readonly Found[]>([]);
  const [highlight, setHighlight] = useState(-1);
  const [error, setError] = useState<UiError | null>(null);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [toast, setToast] = useToast();
  const [lastSale, setLastSale] = useState<Sale | null>(readLastSale);
  const searchRef = useRef<HTMLInputElement>(null);
  const keyTimes = useRef<number[]>([]);
  const seq = useRef(0);
  const m = (v: number) => formatMoney(v, session.currency, t.locale);
  const total = cartTotal(lines);
  // Weighed lines count as one article each.
  const itemCount = lines.reduce((s, l) => s + (unitOf(l.product) === 'KG' ? 1 : l.milli / 1000), 0);
  const specialty = useSession((s) => s.cash?.session?.specialty ?? null);
  const canSell = specialty !== 'AGENTS_ONLY';
  const mixed = specialty === 'MIXED';
  const lastVoided = lastSale?.status === 'VOIDED';
  /** The last sale for the card and reprint, kept across a reload of this tab. */
  const keepLastSale = (sale: Sale) => {
    setLastSale(sale);
    try {
      sessionStorage.setItem(LAST_SALE_KEY, JSON.stringify(sale));
    } catch {
      // reprint only from memory
    }
  };

  useLayoutEffect(() => {
    useCart.getState().bind(user.id, session.registerId);
  }, [user.id, session.registerId]);

  const focusSearch = () => {
    if (dialog === null) searchRef.current?.focus();
  };
  useEffect(focusSearch, [dialog]);

  // Name search while typing (not while a scanner is emitting): debounced, newest reply wins.
  useEffect(() => {
    const q = query.trim().replace(/^\d{1,5}(?:[.,]\d{1,3})?\*/, '');
    if (q.length < 2 || isScanner()) {
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
  }, [query]);

  function isScanner(): boolean {
    const ts = keyTimes.current;
    if (ts.length < 4) return false;
    const recent = ts.slice(-4);
    return recent.every((v, i) => i === 0 || v - (recent[i - 1] ?? 0) < SCANNER_GAP_MS);
  }

  const addFound = (f: Found, milli: number) => {
    if (!f.active) {
      setError({ code: 'PRODUCT_INACTIVE', message: t.errors.PRODUCT_INACTIVE, local: true });
      return;
    }
    if (!cart().add(f.product, milli)) {
      setError({ code: 'QUANTITY_INVALID', message: t.sell.qtyWhole, local: true });
      return;
    }
    setSuggestions([]);
    setHighlight(-1);
    setError(null);
  };

  // Scans are resolved one after another, in the order they were read, even when the scanner is faster than the
  // engine: the box is emptied at once so the next code starts clean.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const resolveCode = async (code: string, quantity: number) => {
    const r = await lookup(code, 8);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const exact = r.found.find((f) => f.exact);
    if (exact !== undefined) addFound(exact, quantity);
    else if (r.found.length === 1 && r.found[0] !== undefined) addFound(r.found[0], quantity);
    else if (r.found.length > 1) {
      setSuggestions(r.found);
      setHighlight(0);
      setQuery(code);
    } else setError({ code: 'NOT_FOUND', message: t.sell.notFound(code), local: true });
  };

  const enter = () => {
    const raw = query.trim();
    if (raw === '') {
      if (lines.length > 0 && canSell) setDialog('pay');
      return;
    }
    // "3*code" = three units, "0,750*code" = 0.750 kg of a weighed item (parsed as text, never a float).
    const mult = /^(\d{1,5}(?:[.,]\d{1,3})?)\*(.+)$/.exec(raw);
    const typed = mult?.[1] === undefined ? null : parseTypedQuantity(mult[1], 'KG');
    if (typed !== null && !typed.ok) {
      setError({ code: 'QUANTITY_INVALID', message: t.sell.qtyMalformed, local: true });
      return;
    }
    const quantity = typed?.ok ? typed.milli : 1000;
    const code = (mult ? mult[2] : raw)?.trim() ?? '';
    const picked = highlight >= 0 && !isScanner() ? suggestions[highlight] : undefined;
    setQuery('');
    keyTimes.current = [];
    seq.current++; // a pending name search must not reopen the list
    if (picked !== undefined && !picked.exact) {
      addFound(picked, quantity);
      return;
    }
    setSuggestions([]);
    queue.current = queue.current.then(() => resolveCode(code, quantity));
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key.length === 1) keyTimes.current = [...keyTimes.current.slice(-20), performance.now()];
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
        setError(null);
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
          if (line) cart().setQuantity(selected, line.milli + (e.key === '+' ? 1000 : -1000));
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

  const printSale = (sale: Sale) =>
    print('receipt', <Receipt sale={sale} info={{ registerCode: session.registerCode, registerName: session.registerName, userName: session.userName, currency: session.currency }} t={t} />);

  const drawerActions = useDrawerActions(session.id, setDialog, setError);
  const actions: readonly DrawerAction[] = [
    { key: 'F2', label: t.sell.pay, testid: 'act-pay', run: () => setDialog('pay'), primary: true, disabled: lines.length === 0 || !canSell },
    { key: 'F5', label: t.sell.sales, testid: 'act-sales', run: () => setDialog('sales'), disabled: !canSell },
    ...(mixed ? [{ key: 'F1', label: t.sell.agents, testid: 'act-agents', run: () => go({ name: 'agents' }) }] : []),
    ...drawerActions,
  ];
  useHotkeys(actionHotkeys(actions), dialog === null);

  return (
    <Shell screen="sell" className="sell">
      <main className="sell-main" data-ready={lines !== null ? 'true' : 'false'}>
        <section className="sell-left">
          <div className="search-wrap">
            <input
              ref={searchRef}
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
                if (error?.code === 'NOT_FOUND') setError(null);
              }}
              onKeyDown={onSearchKey}
              onBlur={() =>
                window.setTimeout(() => {
                  const a = document.activeElement;
                  if (dialog === null && (a === null || a === document.body || a.tagName === 'BUTTON')) searchRef.current?.focus();
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
                    onClick={() => addFound(f, 1)}
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
          <ErrorBox error={error} testid="sell-error" />
          {!canSell && <div className="alert alert-warn">{t.sell.agentsOnly}</div>}
          <div className="card cart">
            {lines.length === 0 ? (
              <div className="cart-empty" data-testid="cart-empty">
                <svg viewBox="0 0 64 40" width="96" aria-hidden="true">
                  {[2, 6, 9, 14, 17, 20, 25, 29, 31, 36, 40, 43, 47, 50, 55, 58, 61].map((x, i) => (
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
                    <LineRow key={l.product.id} line={l} index={i} selected={i === selected} currency={session.currency} onDone={focusSearch} onError={setError} />
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <p className="hint">{t.sell.keys}</p>
        </section>

        <aside className="sell-right">
          <TotalCard
            session={session}
            label={
              <>
                {t.sell.total} <span className="muted small">· {t.sell.items(itemCount)}</span>
              </>
            }
            testid="cart-total"
            minor={total}
            amount={m(total)}
          />
          <ActionButtons actions={actions} />
          {lastSale !== null && (
            <div className="card last-sale" data-testid="last-sale">
              <div className="muted small">{t.sell.lastSale}</div>
              <div className="last-sale-row">
                <span className="mono">
                  {lastSale.saleNumber}
                  {lastVoided && (
                    <span className="badge badge-sale-voided" data-testid="last-sale-voided">
                      {t.salesDlg.statuses.VOIDED}
                    </span>
                  )}
                </span>
                <span className="amount strong">{m(lastSale.total)}</span>
              </div>
              <div className="last-sale-row">
                <span className="muted">
                  {t.sell.change} {m(lastSale.change)}
                </span>
                <button type="button" className="btn btn-ghost btn-small" data-testid="reprint" onMouseDown={(e) => e.preventDefault()} onClick={() => printSale(lastSale)}>
                  {t.sell.reprint}
                </button>
              </div>
            </div>
          )}
        </aside>
      </main>

      {dialog === 'pay' && (
        <PayDialog
          currency={session.currency}
          lines={lines}
          total={total}
          onSold={(sale) => {
            cart().clear();
            keepLastSale(sale);
            void refreshCash();
          }}
          onPrint={printSale}
          onClose={() => setDialog(null)}
        />
      )}
      <DrawerDialogs dialog={dialog} currency={session.currency} onClose={() => setDialog(null)} onDone={setToast} />
      {dialog === 'sales' && (
        <SalesDialog
          session={session}
          onPrintSale={printSale}
          onSaleChanged={(sale) => {
            if (lastSale?.id === sale.id) keepLastSale(sale);
          }}
          onClose={(msg) => {
            setDialog(null);
            if (msg !== undefined) setToast(msg);
            void refreshCash();
          }}
        />
      )}
      <Toast text={toast} />
    </Shell>
  );
}
