// Signing out from the top bar. With the user's drawer OPEN (or its close half done) a plain sign-out would leave the
// register held by someone who left, so the button first says so and offers what a cashier should do instead:
// suspend and sign out, hand the drawer over, finish the close, or sign out anyway. No open drawer: it signs out at once.
import { useState } from 'react';
import { refreshCash, signOut } from '../actions';
import { invoke } from '../api';
import { useT } from '../i18n';
import { useNav } from '../stores/nav';
import { useSession } from '../stores/session';
import { type UiError, Dialog, ErrorBox } from './ui';

export function SignOutButton() {
  const t = useT();
  const session = useSession((s) => s.cash?.session ?? null);
  const [asking, setAsking] = useState(false);
  const held = session !== null && (session.status === 'OPEN' || session.status === 'COUNTING');
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" data-testid="signout" onClick={() => (held ? setAsking(true) : void signOut())}>
        {t.home.signOut}
      </button>
      {asking && session !== null && <SignOutDialog session={session} onClose={() => setAsking(false)} />}
    </>
  );
}

type HeldSession = NonNullable<NonNullable<ReturnType<typeof useSession.getState>['cash']>['session']>;

function SignOutDialog({ session, onClose }: { readonly session: HeldSession; readonly onClose: () => void }) {
  const t = useT();
  const go = useNav((s) => s.go);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const open = session.status === 'OPEN';
  const suspendAndLeave = async () => {
    setBusy(true);
    const reply = await invoke('cash.suspend', {});
    if (!reply.ok) {
      setBusy(false);
      setError(reply.error);
      await refreshCash();
      return;
    }
    await signOut();
  };
  const goTo = (name: 'handover' | 'close') => {
    onClose();
    go({ name });
  };
  return (
    <Dialog title={t.signOutGuard.title} testid="signout-dialog" onClose={busy ? null : onClose}>
      <p data-testid="signout-warning">
        {open ? t.signOutGuard.open(session.sessionNumber, session.registerName) : t.signOutGuard.counting(session.sessionNumber, session.registerName)}
      </p>
      <ErrorBox error={error} testid="signout-error" />
      <div className="signout-choices">
        {open ? (
          <>
            <button type="button" className="btn btn-primary" autoFocus disabled={busy} data-testid="signout-suspend" onClick={() => void suspendAndLeave()}>
              {t.signOutGuard.suspend}
              <span className="small">{t.signOutGuard.suspendHint}</span>
            </button>
            <button type="button" className="btn btn-ghost" disabled={busy} data-testid="signout-handover" onClick={() => goTo('handover')}>
              {t.signOutGuard.handover}
              <span className="small muted">{t.signOutGuard.handoverHint}</span>
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-primary" autoFocus disabled={busy} data-testid="signout-finish-close" onClick={() => goTo('close')}>
            {t.signOutGuard.finishClose}
          </button>
        )}
        <button type="button" className="btn btn-ghost danger-text" disabled={busy} data-testid="signout-anyway" onClick={() => void signOut()}>
          {t.signOutGuard.anyway}
        </button>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" disabled={busy} data-testid="signout-cancel" onClick={onClose}>
          {t.common.cancel}
        </button>
      </div>
    </Dialog>
  );
}
