// Handover: the outgoing cashier counts the drawer and picks the incoming cashier, who confirms with their own PIN
// (a cash:open grant from that user). The engine closes this session as TRANSFERRED and opens theirs with the counted
// cash; the incoming cashier is then signed in with the PIN just typed and lands on the sell screen.
import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import type { Quantities } from '../../components/DenominationGrid';
import { DenominationGrid, countInput } from '../../components/DenominationGrid';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { Shell } from '../../components/Shell';
import { type UiError, ErrorBox } from '../../components/ui';
import { useT } from '../../i18n';
import { clearOtherCarts, useCart } from '../../stores/cart';
import { useNav } from '../../stores/nav';
import type { AuthUser } from '../../stores/session';
import { useSession } from '../../stores/session';

type Session = NonNullable<CommandOutput<'cash.current'>['session']>;
type User = CommandOutput<'users.list'>['users'][number];

export function Handover({ session, user }: { readonly session: Session; readonly user: AuthUser }) {
  const t = useT();
  const go = useNav((s) => s.go);
  const [users, setUsers] = useState<readonly User[]>([]);
  const [incoming, setIncoming] = useState<User | null>(null);
  const [q, setQ] = useState<Quantities>({});
  const [notes, setNotes] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    void invoke('users.list', {}).then((r) => {
      if (r.ok) setUsers(r.data.users.filter((u) => u.active && u.id !== user.id));
      else setError(r.error);
    });
  }, [user.id]);

  const start = () => {
    if (incoming === null) {
      setError({ code: 'VALIDATION_FAILED', message: t.handover.needUser, local: true });
      return;
    }
    setError(null);
    setAsking(true);
  };

  const transfer = async (grant: Grant, pin: string) => {
    setAsking(false);
    if (incoming === null) return;
    setBusy(true);
    const reply = await invoke('cash.transfer', {
      toUserId: incoming.id,
      count: countInput(q),
      incomingGrantId: grant.grantId,
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      requestId: newRequestId(),
    });
    if (!reply.ok) {
      setBusy(false);
      setError(reply.error);
      return;
    }
    // The outgoing cashier leaves; the incoming one is signed in with the PIN they just typed.
    clearOtherCarts(user.id, null);
    useCart.setState({ key: null, lines: [], selected: -1 });
    await invoke('auth.logout', {});
    const login = await invoke('auth.login', { username: incoming.username, pin });
    setBusy(false);
    useNav.getState().go({ name: 'sell' });
    if (login.ok) useSession.getState().signedIn(login.data.user);
    else useSession.getState().signedOut();
  };

  return (
    <Shell screen="handover">
      <main className="page">
        <div className="page-head">
          <h1 className="title">{t.handover.title}</h1>
          <span className="session-number">{session.sessionNumber}</span>
        </div>
        <div className="handover-grid">
          <section className="card">
            <h2 className="card-title">{t.handover.step1}</h2>
            <DenominationGrid currency={session.currency} value={q} onChange={setQ} autoFocus />
          </section>
          <section className="card handover-side">
            <h2 className="card-title">{t.handover.step2}</h2>
            <ul className="user-list compact" role="listbox" aria-label={t.handover.step2}>
              {users.map((u) => (
                <li key={u.id}>
                  <button
                    type="button"
                    role="option"
                    aria-selected={incoming?.id === u.id}
                    className={incoming?.id === u.id ? 'user selected' : 'user'}
                    data-testid={`handover-user-${u.username}`}
                    onClick={() => setIncoming(u)}
                  >
                    <span className="user-text">
                      <span className="user-name">{u.name}</span>
                      <span className="user-role">{t.roles[u.role]}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <label className="field-label" htmlFor="handover-notes">
              {t.common.notes} <span className="muted small">{t.common.optional}</span>
            </label>
            <input id="handover-notes" className="text-input" value={notes} maxLength={500} onChange={(e) => setNotes(e.target.value)} />
            <ErrorBox error={error} testid="handover-error" />
            <div className="dialog-actions">
              <button type="button" className="btn btn-ghost" onClick={() => go({ name: 'sell' })} disabled={busy}>
                {t.common.back}
              </button>
              <button type="button" className="btn btn-primary" onClick={start} disabled={busy} data-testid="handover-confirm">
                {t.handover.confirm}
              </button>
            </div>
          </section>
        </div>
      </main>
      {asking && incoming !== null && (
        <PinDialog
          title={t.pin.incomingTitle(incoming.name)}
          hint={t.pin.incomingHint}
          permission="cash:open"
          username={incoming.username}
          onGranted={(g, pin) => void transfer(g, pin)}
          onCancel={() => setAsking(false)}
        />
      )}
      {busy && <div className="toast">{t.common.working}</div>}
    </Shell>
  );
}
