// The shell: restores a live sign-in on start, then shows the sign-in screen or the screen the cash session implies:
// the lock screen while suspended, the close screen while counting, the sell screen while open, otherwise home.
import { useEffect, useState } from 'react';
import { refreshCash } from './actions';
import { invoke, maybeSignedIn } from './api';
import { PrintHost } from './components/Print';
import { useT } from './i18n';
import { Agents } from './features/agents/Agents';
import { Close } from './features/drawer/Close';
import { Daily } from './features/reports/Daily';
import { Handover } from './features/drawer/Handover';
import { Home } from './features/session/Home';
import { LockScreen } from './features/session/Lock';
import { Report } from './features/reports/Report';
import { Sell } from './features/sell/Sell';
import { Sessions } from './features/reports/Sessions';
import { SignIn } from './features/session/SignIn';
import { Setup } from './features/setup/Setup';
import { AdminBackups } from './features/admin/Backups';
import { SyncList } from './features/sync/SyncList';
import { AdminProducts } from './features/admin/Products';
import { AdminProviders } from './features/admin/Providers';
import { AdminRegisters } from './features/admin/Registers';
import { AdminUsers } from './features/admin/Users';
import type { Screen } from './stores/nav';
import { useNav } from './stores/nav';
import type { AuthUser } from './stores/session';
import { useSession } from './stores/session';

/** Whether the store is set up: until it is, the setup screen shows instead of the sign-in. */
type SetupState = { readonly initialized: true } | { readonly initialized: false; readonly defaultTimeZone: string } | null;

export function App() {
  const user = useSession((s) => s.user);
  const signedIn = useSession((s) => s.signedIn);
  const [ready, setReady] = useState(!maybeSignedIn());
  const [setup, setSetup] = useState<SetupState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const t = useT();

  useEffect(() => {
    let live = true;
    void invoke('setup.status', {}).then((reply) => {
      if (!live) return;
      // A failed status check falls through to the sign-in, which shows the engine's error itself.
      setSetup(reply.ok && !reply.data.initialized ? { initialized: false, defaultTimeZone: reply.data.defaultTimeZone } : { initialized: true });
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (ready || setup === null || !setup.initialized) return;
    let live = true;
    void invoke('auth.me', {}).then((reply) => {
      if (!live) return;
      if (reply.ok) signedIn(reply.data.user);
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, [ready, signedIn, setup]);

  if (setup === null) return <div className="splash" data-testid="splash">{t.app.loading}</div>;
  if (!setup.initialized) {
    return (
      <Setup
        defaultTimeZone={setup.defaultTimeZone}
        onDone={(message) => {
          setNotice(message);
          setReady(true);
          setSetup({ initialized: true });
        }}
      />
    );
  }
  if (!ready) return <div className="splash" data-testid="splash">{t.app.loading}</div>;
  return (
    <>
      {user === null ? <SignIn notice={notice} /> : <SignedIn user={user} />}
      <PrintHost />
    </>
  );
}

function SignedIn({ user }: { readonly user: AuthUser }) {
  const t = useT();
  const cash = useSession((s) => s.cash);
  const specialty = useSession((s) => s.cash?.session?.specialty ?? null);
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);

  useEffect(() => {
    void refreshCash();
  }, [user.id]);

  const session = cash?.session ?? null;
  // An AGENTS_ONLY register lands on the agents screen, every other on the sell screen.
  const counter: Screen = specialty === 'AGENTS_ONLY' ? { name: 'agents' } : { name: 'sell' };
  const fallback: Screen = session?.status === 'OPEN' ? counter : { name: 'home' };
  useEffect(() => {
    if (cash !== null && screen === null) go(fallback);
  }, [cash, screen, go, fallback]);

  if (cash === null) return <div className="splash" data-testid="splash">{t.app.loading}</div>;
  if (session?.status === 'SUSPENDED') return <LockScreen session={session} user={user} />;
  const current = screen ?? fallback;
  if (session?.status === 'COUNTING' && current.name !== 'report') return <Close session={session} />;
  switch (current.name) {
    case 'sell':
      if (session?.status !== 'OPEN') return <Home user={user} />;
      return specialty === 'AGENTS_ONLY' ? <Agents session={session} /> : <Sell session={session} user={user} />;
    case 'agents':
      if (session?.status !== 'OPEN') return <Home user={user} />;
      return specialty === 'SALES_ONLY' ? <Sell session={session} user={user} /> : <Agents session={session} />;
    case 'handover':
      return session !== null ? <Handover session={session} user={user} /> : <Home user={user} />;
    case 'close':
      return session !== null ? <Close session={session} /> : <Home user={user} />;
    case 'report':
      return <Report sessionId={current.sessionId} given={current.report} />;
    case 'sessions':
      return <Sessions />;
    case 'daily':
      return <Daily />;
    case 'sync':
      return <SyncList />;
    case 'admin-registers':
      return <AdminRegisters />;
    case 'admin-users':
      return <AdminUsers />;
    case 'admin-products':
      return <AdminProducts />;
    case 'admin-providers':
      return <AdminProviders />;
    case 'admin-backups':
      return <AdminBackups />;
    case 'home':
      return <Home user={user} />;
  }
}
