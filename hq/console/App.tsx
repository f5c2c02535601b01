// The console's frame: asks HQ who is signed in (a reload keeps the session; the cookie is http-only), then shows
// the sign-in screen or the shell with its navigation. Keyboard: every control is a real button or input, in order.
import { useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Person } from './api';
import { OkSchema, SignedInSchema, call, setCsrf, whenSignedOut } from './api';
import { Branches } from './Branches';
import { Catalog } from './Catalog';
import { Daily } from './Daily';
import { Deliveries } from './Deliveries';
import { Live } from './Live';
import { OverShort } from './OverShort';
import { Providers } from './Providers';
import { Sessions } from './Sessions';
import { Staff } from './Staff';
import { LANGS, refusalText } from './i18n';
import type { Screen } from './store';
import { SCREENS, useConsole } from './store';
import { useWords } from './words';

function Brand() {
  const t = useWords();
  return (
    <div className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="currentColor" />
        <g fill="#fff">
          <ellipse cx="14" cy="11" rx="7" ry="2.6" />
          <path d="M7 13.2c0 1.5 3.1 2.7 7 2.7s7-1.2 7-2.7v2.6c0 1.5-3.1 2.7-7 2.7s-7-1.2-7-2.7z" />
          <path d="M7 18.4c0 1.5 3.1 2.7 7 2.7s7-1.2 7-2.7V21c0 1.5-3.1 2.7-7 2.7S7 22.5 7 21z" />
        </g>
        <circle cx="23" cy="22" r="5" fill="#f59e0b" />
      </svg>
      <span className="brand-name">{t.brand}</span>
      <span className="brand-tagline">{t.tagline}</span>
    </div>
  );
}

function LanguageSwitch() {
  const lang = useConsole((s) => s.lang);
  const setLang = useConsole((s) => s.setLang);
  const t = useWords();
  return (
    <div className="lang" role="group" aria-label={t.language} data-testid="lang-switch">
      {LANGS.map((l) => (
        <button key={l} type="button" className={l === lang ? 'lang-btn active' : 'lang-btn'} aria-pressed={l === lang} data-testid={`lang-${l}`} onClick={() => setLang(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function SignIn() {
  const t = useWords();
  const setPerson = useConsole((s) => s.setPerson);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await call('POST', '/v1/console/login', SignedInSchema, { username, password });
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(r);
    setCsrf(r.data);
    setPerson(r.data.person);
  };
  return (
    <div className="screen" data-testid="signin-screen">
      <header className="topbar">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="signin-main">
        <form className="card console-signin" onSubmit={(e) => void submit(e)}>
          <h1 className="title">{t.signInTitle}</h1>
          <label>
            {t.username}
            <input className="text-input" data-testid="signin-username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required />
          </label>
          <label>
            {t.password}
            <input className="text-input" data-testid="signin-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          <div className="alert-slot" aria-live="polite">
            {error && (
              <div className="alert" role="alert" data-testid="signin-error">
                {refusalText(t, error.code, error.message)}
              </div>
            )}
          </div>
          <button className="btn btn-primary btn-block" type="submit" disabled={busy} data-testid="signin-submit">
            {busy ? t.signingIn : t.signIn}
          </button>
        </form>
      </main>
    </div>
  );
}

const NAV = { branches: 'navBranches', staff: 'navStaff', catalog: 'navCatalog', providers: 'navProviders', live: 'navLive', sessions: 'navSessions', daily: 'navDaily', overshort: 'navOverShort', deliveries: 'navDeliveries' } as const satisfies Record<Screen, string>;

function ScreenOf({ screen, person }: { readonly screen: Screen; readonly person: Person }) {
  switch (screen) {
    case 'branches':
      return <Branches person={person} />;
    case 'staff':
      return <Staff person={person} />;
    case 'catalog':
      return <Catalog person={person} />;
    case 'providers':
      return <Providers person={person} />;
    case 'live':
      return <Live />;
    case 'sessions':
      return <Sessions />;
    case 'daily':
      return <Daily />;
    case 'overshort':
      return <OverShort />;
    case 'deliveries':
      return <Deliveries />;
  }
}

function Shell({ children }: { readonly children: ReactNode }) {
  const t = useWords();
  const person = useConsole((s) => s.person);
  const screen = useConsole((s) => s.screen);
  const go = useConsole((s) => s.go);
  const setPerson = useConsole((s) => s.setPerson);
  const signOut = async () => {
    await call('POST', '/v1/console/logout', OkSchema);
    setCsrf(null);
    setPerson(null);
  };
  if (!person) return null;
  return (
    <div className="screen" data-testid="shell">
      <header className="topbar">
        <Brand />
        <div className="topbar-right">
          <LanguageSwitch />
          <div className="who" data-testid="who">
            <span className="who-name">{person.name}</span>
            <span className="who-role">{t[`role${person.role}`]}</span>
          </div>
          <button type="button" className="btn btn-ghost btn-small" data-testid="signout" onClick={() => void signOut()}>
            {t.signOut}
          </button>
        </div>
      </header>
      <nav className="console-nav" aria-label="Menu">
        {SCREENS.map((s) => (
          <button key={s} type="button" className={screen === s ? 'nav-item active' : 'nav-item'} aria-current={screen === s ? 'page' : undefined} data-testid={`nav-${s}`} onClick={() => go(s)}>
            {t[NAV[s]]}
          </button>
        ))}
      </nav>
      <main className="console-main">{children}</main>
    </div>
  );
}

export function App() {
  const person = useConsole((s) => s.person);
  const checked = useConsole((s) => s.checked);
  const screen = useConsole((s) => s.screen);
  const setPerson = useConsole((s) => s.setPerson);
  const lang = useConsole((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    whenSignedOut(() => {
      setCsrf(null);
      setPerson(null);
    });
    void call('GET', '/v1/console/me', SignedInSchema).then((r) => {
      if (r.ok) setCsrf(r.data);
      setPerson(r.ok ? r.data.person : null);
    });
  }, [setPerson]);
  if (!checked) return <div className="splash">…</div>;
  if (!person) return <SignIn />;
  return (
    <Shell>
      <ScreenOf key={screen} screen={screen} person={person} />
    </Shell>
  );
}
