// Voids and refunds from the sell screen (F5). SaleFinder lists this session's sales (newest first) and finds one by
// receipt code, last digits or sale number; SaleDetail shows it; VoidFlow voids it (F4), RefundFlow refunds part of it
// (F3) and RefundDone shows the result and prints the slip. What each flow may do is eligibility.ts's. This module
// only holds which view is showing, the open sale, and the keys and Esc of the dialog.
import { useCallback, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import { useHotkeys } from '../../actions';
import { invoke } from '../../api';
import { usePrint } from '../../components/Print';
import { type UiError, Dialog, ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../money';
import { canRefund, canVoid } from './eligibility';
import type { SaleItem } from './findSale';
import type { Refunded } from './RefundFlow';
import { RefundDone, RefundFlow } from './RefundFlow';
import { RefundSlip } from './RefundSlip';
import { SaleDetail } from './SaleDetail';
import { SaleFinder } from './SaleFinder';
import { useSalesList } from './useSalesList';
import { VoidFlow } from './VoidFlow';

type Session = NonNullable<CommandOutput<'cash.current'>['session']>;
type Found = CommandOutput<'sales.get'>;
type Sale = Found['sale'];

type View = 'find' | 'sale' | 'void' | 'refund' | 'refunded';

export interface SalesDialogProps {
  readonly session: Session;
  readonly onPrintSale: (sale: Sale) => void;
  /** A copy of a refund slip on the register's printer; absent where it has none (the browser's dialog then). */
  readonly onPrintRefund?: ((sale: Sale, refundId: string) => void) | undefined;
  /** A sale changed here (voided, refunded): the sell screen updates its last-sale card. */
  readonly onSaleChanged?: (sale: Sale) => void;
  /** Closes the dialog; `message` is a toast for the sell screen. */
  readonly onClose: (message?: string) => void;
}

export function SalesDialog({ session, onPrintSale, onPrintRefund, onSaleChanged, onClose }: SalesDialogProps) {
  const t = useT();
  const print = usePrint((s) => s.print);
  const m = (v: number) => formatMoney(v, session.currency, t.locale);

  const [view, setView] = useState<View>('find');
  const [highlight, setHighlight] = useState(0);
  const [found, setFound] = useState<Found | null>(null);
  /** Where the open sale was made, when a listing named it (register and cashier, for a sale of another session). */
  const [origin, setOrigin] = useState<SaleItem | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A flow has a request or a PIN dialog under way. */
  const [locked, setLocked] = useState(false);
  const [refunded, setRefunded] = useState<Refunded | null>(null);
  const { listed, update } = useSalesList(session.id, setError);

  const open = async (saleId: string, typed?: string, item?: SaleItem): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const reply = await invoke('sales.get', { saleId });
    setBusy(false);
    if (!reply.ok) {
      const missing = reply.error.code === 'NOT_FOUND' || reply.error.code === 'VALIDATION_FAILED';
      setError(missing ? { code: 'NOT_FOUND', message: t.salesDlg.notFound(typed ?? saleId), local: true } : reply.error);
      return !missing;
    }
    setFound(reply.data);
    setOrigin(item ?? null);
    setView('sale');
    return true;
  };

  /** After a void or a refund: the sale as the engine answered it, here, in the list and on the sell screen. */
  const changed = (sale: Sale, refunds: Found['refunds']) => {
    onSaleChanged?.(sale);
    update(sale);
    setFound({ sale, refunds });
  };

  const sale = found?.sale ?? null;
  const voidable = canVoid(sale, found?.refunds ?? [], session);
  const refundable = canRefund(sale);
  const lock = useCallback((on: boolean) => setLocked(on), []);

  const startRefund = () => {
    if (!refundable) return;
    setError(null);
    setNotice(null);
    setView('refund');
  };
  const startVoid = () => {
    if (!voidable) return;
    setError(null);
    setNotice(null);
    setView('void');
  };

  const printSlip = () => {
    if (refunded === null) return;
    if (onPrintRefund) return onPrintRefund(refunded.sale, refunded.refund.id);
    print(
      'receipt',
      <RefundSlip refund={refunded.refund} sale={refunded.sale} info={{ registerCode: session.registerCode, registerName: session.registerName, userName: session.userName, currency: session.currency }} authorizedBy={refunded.by} t={t} />,
    );
  };

  const back = () => {
    setError(null);
    if (view === 'find' || view === 'refunded') return onClose(view === 'refunded' && refunded !== null ? t.salesDlg.refundToast(refunded.refund.refundNumber, m(refunded.refund.total)) : undefined);
    if (view === 'sale') {
      setView('find');
      setFound(null);
      setNotice(null);
      return;
    }
    setView('sale');
  };

  useHotkeys(
    view === 'sale' ? { F3: refundable ? startRefund : undefined, F4: voidable ? startVoid : undefined, 'Ctrl+p': sale ? () => onPrintSale(sale) : undefined } : {},
    !locked && !busy,
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
    <Dialog title={title} testid="sales-dialog" onClose={busy || locked ? null : back} wide className="sales-dialog">
      {view === 'find' && (
        <SaleFinder
          sessionId={session.id}
          listed={listed}
          highlight={highlight}
          onHighlight={setHighlight}
          money={m}
          busy={busy}
          onBusy={setBusy}
          error={error}
          onError={setError}
          onOpen={open}
          onClose={() => onClose()}
        />
      )}

      {found !== null && sale !== null && (view === 'sale' || view === 'void') && (
        <SaleDetail found={found} sessionId={session.id} origin={origin} notice={notice} money={m}>
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
            <VoidFlow
              saleId={sale.id}
              onBack={back}
              onLock={lock}
              onVoided={(voided, by) => {
                changed(voided, found.refunds);
                setNotice(t.salesDlg.voided(voided.saleNumber, by));
                setView('sale');
              }}
            />
          )}
        </SaleDetail>
      )}

      {found !== null && view === 'refund' && (
        <RefundFlow
          found={found}
          money={m}
          onBack={back}
          onLock={lock}
          onRefunded={(done) => {
            changed(done.sale, [...found.refunds, done.refund]);
            setRefunded(done);
            setView('refunded');
          }}
        />
      )}

      {view === 'refunded' && refunded !== null && <RefundDone done={refunded} money={m} onPrint={printSlip} onFinish={back} />}
    </Dialog>
  );
}
