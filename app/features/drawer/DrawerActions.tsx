// The drawer's action panel shared by the sell and agent screens: cash in/out, count, suspend, handover, close and the
// X report on their F-keys, the buttons that show them, the cash in/out and count dialogs, and the toast after a move.
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import type { CurrencyCode } from '../../../src/money/currencies';
import type { Hotkeys } from '../../actions';
import { refreshCash } from '../../actions';
import { invoke } from '../../api';
import { type UiError, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import { useNav } from '../../stores/nav';
import { usePrinter } from '../../stores/printer';
import { CountDialog } from './CountDialog';
import { MoveDialog } from './MoveDialog';
import { NoSaleDialog } from './NoSaleDialog';

/** The panel's top card: the session and register, then the screen's big figure (label, amount) and anything more. */
export function TotalCard({
  session,
  label,
  testid,
  minor,
  amount,
  children,
}: {
  readonly session: { readonly sessionNumber: string; readonly registerCode: string; readonly registerName: string };
  readonly label: ReactNode;
  readonly testid: string;
  readonly minor: number;
  readonly amount: string;
  readonly children?: ReactNode;
}) {
  return (
    <div className="card total-card">
      <div className="total-meta">
        <span className="session-number small" data-testid="session-number">
          {session.sessionNumber}
        </span>
        <span className="muted small">
          {session.registerCode} · {session.registerName}
        </span>
      </div>
      <div className="total-label">{label}</div>
      <div className="total-big amount" data-testid={testid} data-minor={minor}>
        {amount}
      </div>
      {children}
    </div>
  );
}

/** The dialogs the drawer's actions open. */
export type DrawerDialog = 'in' | 'out' | 'count' | 'nosale';

export interface DrawerAction {
  readonly key: string;
  readonly label: string;
  readonly testid: string;
  readonly run: () => void;
  readonly primary?: boolean;
  readonly disabled?: boolean;
  /** Why it is disabled: `reason` as its title (and said by its key), `short` on the button. */
  readonly reason?: string;
  readonly short?: string;
}

/**
 * The drawer's own actions (F3, F4, F6–F10, Ctrl+K "Abrir cajón"); `onError` shows a refused suspend. "Abrir cajón" is
 * disabled, with the reason, on a register without a drawer (print.counter's `drawer`); Ctrl+K then says why.
 */
export function useDrawerActions(sessionId: string, open: (dialog: DrawerDialog) => void, onError: (error: UiError) => void): DrawerAction[] {
  const t = useT();
  const go = useNav((s) => s.go);
  // Until print.counter has answered, the action stays offered (cash.openDrawer refuses without a drawer anyway).
  const hasDrawer = usePrinter((s) => !s.known || s.counter.drawer);
  useEffect(() => {
    void usePrinter.getState().refresh();
  }, [sessionId]);
  const suspend = async () => {
    const reply = await invoke('cash.suspend', {});
    if (!reply.ok) return onError(reply.error);
    await refreshCash();
  };
  return [
    { key: 'F3', label: t.sell.cashIn, testid: 'act-cash-in', run: () => open('in') },
    { key: 'F4', label: t.sell.cashOut, testid: 'act-cash-out', run: () => open('out') },
    { key: 'F6', label: t.sell.count, testid: 'act-count', run: () => open('count') },
    {
      key: 'Ctrl+k',
      label: t.noSale.action,
      testid: 'act-nosale',
      run: () => (hasDrawer ? open('nosale') : onError({ code: 'DRAWER_NOT_CONFIGURED', message: t.counter.noDrawer, local: true })),
      disabled: !hasDrawer,
      reason: hasDrawer ? undefined : t.counter.noDrawer,
      short: hasDrawer ? undefined : t.counter.noDrawerShort,
    },
    { key: 'F7', label: t.sell.suspend, testid: 'act-suspend', run: () => void suspend() },
    { key: 'F8', label: t.sell.handover, testid: 'act-handover', run: () => go({ name: 'handover' }) },
    { key: 'F9', label: t.sell.closeSession, testid: 'act-close', run: () => go({ name: 'close' }) },
    { key: 'F10', label: t.sell.xReport, testid: 'act-x-report', run: () => go({ name: 'report', sessionId }) },
  ];
}

/** The actions' F-keys: each runs its action unless disabled (one disabled with a reason runs to say why). */
export function actionHotkeys(actions: readonly DrawerAction[]): Hotkeys {
  return Object.fromEntries(actions.map((a) => [a.key, a.disabled === true && a.reason === undefined ? undefined : a.run]));
}

/** The action buttons with their keys (a click leaves the focus where it was). */
export function ActionButtons({ actions }: { readonly actions: readonly DrawerAction[] }) {
  return (
    <div className="actions">
      {actions.map((a) => (
        <button
          key={a.testid}
          type="button"
          className={a.primary ? 'btn btn-primary act act-primary' : 'btn btn-ghost act'}
          disabled={a.disabled}
          title={a.reason}
          data-testid={a.testid}
          data-reason={a.reason}
          onMouseDown={(e) => e.preventDefault()}
          onClick={a.run}
        >
          <span>{a.label}</span>
          <Kbd k={a.key.replace(/\+([a-z])$/, (_, c: string) => `+${c.toUpperCase()}`)} />
          {a.short !== undefined && <span className="act-reason">{a.short}</span>}
        </button>
      ))}
    </div>
  );
}

/** The cash in/out and count dialogs, when one is open; after a move the cash is refreshed and `onDone` gets its message. */
export function DrawerDialogs({ dialog, currency, onClose, onDone }: { readonly dialog: string | null; readonly currency: CurrencyCode; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  return (
    <>
      {(dialog === 'in' || dialog === 'out') && (
        <MoveDialog
          kind={dialog}
          currency={currency}
          onCancel={onClose}
          onDone={(msg) => {
            onClose();
            onDone(msg);
            void refreshCash();
          }}
        />
      )}
      {dialog === 'count' && <CountDialog currency={currency} onClose={onClose} />}
      {dialog === 'nosale' && (
        <NoSaleDialog
          onCancel={onClose}
          onDone={(msg) => {
            onClose();
            onDone(msg);
          }}
        />
      )}
    </>
  );
}

/** A message shown for four seconds. */
export function useToast() {
  const [toast, setToast] = useState<string | null>(null);
  useEffect(() => {
    if (toast === null) return;
    const timer = window.setTimeout(() => setToast(null), 4000);
    return () => window.clearTimeout(timer);
  }, [toast]);
  return [toast, setToast] as const;
}

export function Toast({ text }: { readonly text: string | null }) {
  if (text === null) return null;
  return (
    <div className="toast" role="status" data-testid="toast">
      {text}
    </div>
  );
}
