// The sell screen: the search box (SearchBox: scanner, name search, keyboard editing of the cart), the cart (Cart,
// one CartRow per line), the total and the drawer's actions on F-keys, the last sale, and the dialogs: pay (F2), the
// sales of this session for voids and refunds (F5, features/sales), cash in/out and counts (features/drawer).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import { newRequestId, refreshCash, useHotkeys } from '../../actions';
import { invoke } from '../../api';
import { usePrint } from '../../components/Print';
import { Shell } from '../../components/Shell';
import { type UiError, ErrorBox } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../money';
import { cartTotal, followOtherTabs, unitOf, useCart } from '../../stores/cart';
import { useNav } from '../../stores/nav';
import type { AuthUser } from '../../stores/session';
import { usePrinter } from '../../stores/printer';
import { useSession } from '../../stores/session';
import type { DrawerAction, DrawerDialog } from '../drawer/DrawerActions';
import { ActionButtons, DrawerDialogs, Toast, TotalCard, actionHotkeys, useDrawerActions, useToast } from '../drawer/DrawerActions';
import type { Sale } from '../sales/Receipt';
import { Receipt } from '../sales/Receipt';
import { SalesDialog } from '../sales/SalesDialog';
import { Cart } from './Cart';
import { LastSaleCard, useLastSale } from './LastSale';
import { PayDialog } from './PayDialog';
import { PrinterBadge } from './PrinterBadge';
import { SearchBox } from './SearchBox';

type Session = NonNullable<CommandOutput<'cash.current'>['session']>;

type DialogKind = 'pay' | DrawerDialog | 'sales' | null;

export function Sell({ session, user }: { readonly session: Session; readonly user: AuthUser }) {
  const t = useT();
  const go = useNav((s) => s.go);
  const print = usePrint((s) => s.print);
  const lines = useCart((s) => s.lines);
  const cartId = useCart((s) => s.cartId);
  const cart = useCart.getState;
  const [error, setError] = useState<UiError | null>(null);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [toast, setToast] = useToast();
  const [lastSale, keepLastSale] = useLastSale(session.id);
  const searchRef = useRef<HTMLInputElement>(null);
  const m = (v: number) => formatMoney(v, session.currency, t.locale);
  const total = cartTotal(lines);
  // Weighed lines count as one article each.
  const itemCount = lines.reduce((s, l) => s + (unitOf(l.product) === 'KG' ? 1 : l.milli / 1000), 0);
  const specialty = useSession((s) => s.cash?.session?.specialty ?? null);
  const canSell = specialty !== 'AGENTS_ONLY';
  const mixed = specialty === 'MIXED';

  useLayoutEffect(() => {
    useCart.getState().bind(user.id, session.registerId);
  }, [user.id, session.registerId]);
  useEffect(followOtherTabs, []);

  const focusSearch = () => {
    if (dialog === null) searchRef.current?.focus();
  };
  useEffect(focusSearch, [dialog]);

  const printer = usePrinter((s) => s.counter.printer);
  /**
   * A copy of a sale's receipt (and, with `refundId`, of a refund slip): through the print host to this register's
   * printer (print.receipt, marked REIMPRESIÓN/COPIA), so it reaches the ESC/POS printer in browser mode too; the
   * browser's dialog only where the register has no printer.
   */
  const reprint = async (sale: Sale, refundId?: string, browserCopy?: () => void) => {
    if (printer === 'NONE' && browserCopy) return browserCopy();
    const reply = await invoke('print.receipt', { saleId: sale.id, ...(refundId === undefined ? {} : { refundId }), requestId: newRequestId() });
    if (!reply.ok) return setError(reply.error);
    setToast(reply.data.printer === 'NONE' ? t.counter.noPrinter : t.counter.reprintSent(reply.data.refund?.refundNumber ?? sale.saleNumber));
    window.setTimeout(() => void usePrinter.getState().refresh(), 800);
  };
  const printSale = (sale: Sale) =>
    void reprint(sale, undefined, () =>
      print('receipt', <Receipt sale={sale} info={{ registerCode: session.registerCode, registerName: session.registerName, userName: session.userName, currency: session.currency }} t={t} />),
    );

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
      <main className="sell-main" data-ready="true">
        <section className="sell-left">
          <SearchBox
            inputRef={searchRef}
            currency={session.currency}
            canSell={canSell}
            dialogOpen={dialog !== null}
            error={error}
            onError={setError}
            onPay={() => setDialog('pay')}
          />
          <ErrorBox error={error} testid="sell-error" />
          {!canSell && <div className="alert alert-warn">{t.sell.agentsOnly}</div>}
          <Cart currency={session.currency} onDone={focusSearch} onError={setError} />
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
          <PrinterBadge onToast={setToast} />
          {lastSale !== null && <LastSaleCard sale={lastSale} currency={session.currency} onReprint={() => printSale(lastSale)} />}
        </aside>
      </main>

      {dialog === 'pay' && (
        <PayDialog
          currency={session.currency}
          cartId={cartId}
          lines={lines}
          total={total}
          cashRounding={session.cashRounding}
          onSold={(sale, current, soldCartId) => {
            // Only the cart that was sold: another tab may have sold it already and started the next one.
            if (cart().cartId === soldCartId) cart().clear();
            keepLastSale(sale);
            useSession.getState().setCash(current);
            // The host prints the receipt after the reply: look at the printer once it has had a moment.
            window.setTimeout(() => void usePrinter.getState().refresh(), 800);
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
          onPrintRefund={printer === 'NONE' ? undefined : (sale, refundId) => void reprint(sale, refundId)}
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
