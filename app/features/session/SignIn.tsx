// Sign-in: pick a user, type the PIN (keyboard or on-screen keypad), Enter. Errors are shown by code in the user's
// language; a locked user sees how long is left.
import type { KeyboardEvent } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { invoke } from '../../api';
import { Brand, LanguageSwitch } from '../../components/Brand';
import { PinInput, PinKeypad } from '../../components/PinEntry';
import { useT } from '../../i18n';
import { useSession } from '../../stores/session';

type ListedUser = CommandOutput<'auth.users'>['users'][number];

const MIN_PIN = 4;

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** When the lock ends (epoch ms), from a PIN_LOCKED error's details. */
function lockEnd(error: ReplyError): number | null {
  const secs = error.details?.retryInSeconds;
  return typeof secs === 'number' && Number.isFinite(secs) ? Date.now() + secs * 1000 : null;
}

/** `notice`: what the screen says first (the store was just set up or restored). */
export function SignIn({ notice: initialNotice = null }: { readonly notice?: string | null } = {}) {
  const t = useT();
  const signedIn = useSession((s) => s.signedIn);
  const [users, setUsers] = useState<readonly ListedUser[] | null>(null);
  const [loadError, setLoadError] = useState<ReplyError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ReplyError | null>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    setLoadError(null);
    void invoke('auth.users', {}).then((reply) => {
      if (reply.ok) setUsers(reply.data.users);
      else setLoadError(reply.error);
    });
  }, []);
  useEffect(load, [load]);

  // The lock countdown ticks once a second while it lasts.
  useEffect(() => {
    if (lockedUntil === null) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= lockedUntil) {
        setLockedUntil(null);
        setError(null);
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [lockedUntil]);

  const choose = (username: string) => {
    setSelected(username);
    setPin('');
    setError(null);
    setNotice(null);
    setLockedUntil(null);
    pinRef.current?.focus();
  };

  const canSubmit = selected !== null && pin.length >= MIN_PIN && !busy;

  const submit = async () => {
    if (selected === null) {
      setNotice(t.signIn.pickUserFirst);
      return;
    }
    if (!canSubmit) return;
    setBusy(true);
    const reply = await invoke('auth.login', { username: selected, pin });
    setBusy(false);
    if (reply.ok) {
      signedIn(reply.data.user);
      return;
    }
    setPin('');
    setError(reply.error);
    setLockedUntil(reply.error.code === 'PIN_LOCKED' ? lockEnd(reply.error) : null);
    setNow(Date.now());
    pinRef.current?.focus();
  };

  const move = (step: 1 | -1) => {
    if (users === null || users.length === 0) return;
    const at = users.findIndex((u) => u.username === selected);
    const next = at === -1 ? (step === 1 ? 0 : users.length - 1) : (at + step + users.length) % users.length;
    const user = users[next];
    if (user) choose(user.username);
  };

  const onPinKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setPin('');
      setError(null);
      setNotice(null);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
    }
  };

  const selectedUser = users?.find((u) => u.username === selected) ?? null;
  const message =
    error === null
      ? notice
      : error.code === 'PIN_LOCKED' && lockedUntil !== null
        ? t.signIn.lockedFor(clock((lockedUntil - now) / 1000))
        : t.errors[error.code];

  return (
    <div className="screen signin" data-testid="signin-screen">
      <header className="topbar">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="signin-main">
        <section className="card signin-card" aria-labelledby="signin-title">
          <div className="signin-users">
            <h1 id="signin-title" className="title">
              {t.signIn.title}
            </h1>
            <p className="muted">{t.signIn.chooseUser}</p>
            {loadError !== null && (
              <div className="alert" role="alert" data-testid="users-error">
                {t.errors[loadError.code]}{' '}
                <button type="button" className="btn btn-ghost" onClick={load}>
                  {t.app.retry}
                </button>
              </div>
            )}
            {users === null && loadError === null && <p className="muted">{t.app.loading}</p>}
            {users !== null && users.length === 0 && <p className="muted">{t.signIn.noUsers}</p>}
            <ul className="user-list" role="listbox" aria-label={t.signIn.chooseUser}>
              {users?.map((u) => (
                <li key={u.username}>
                  <button
                    type="button"
                    role="option"
                    aria-selected={u.username === selected}
                    className={u.username === selected ? 'user selected' : 'user'}
                    data-testid={`user-${u.username}`}
                    onClick={() => choose(u.username)}
                  >
                    <span className="avatar" aria-hidden="true">
                      {initials(u.name)}
                    </span>
                    <span className="user-text">
                      <span className="user-name">{u.name}</span>
                      <span className="user-role">{t.roles[u.role]}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>

          <form
            className="signin-pin"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <label className="pin-label" htmlFor="pin">
              {selectedUser ? t.signIn.pinFor(selectedUser.name) : t.signIn.pin}
            </label>
            <PinInput
              ref={pinRef}
              id="pin"
              data-testid="pin-input"
              aria-invalid={error !== null}
              aria-describedby="signin-error"
              value={pin}
              onPin={setPin}
              onKeyDown={onPinKey}
            />
            <div id="signin-error" className="alert-slot" role="alert" aria-live="assertive">
              {message !== null && (
                <div className={error === null ? 'alert alert-ok' : error.code === 'PIN_LOCKED' ? 'alert alert-warn' : 'alert'} data-testid="signin-error" data-code={error?.code}>
                  {message}
                </div>
              )}
            </div>
            <PinKeypad setPin={setPin} disabled={busy} />
            <button type="submit" className="btn btn-primary btn-block" disabled={!canSubmit} data-testid="signin-submit">
              {t.signIn.submit}
            </button>
          </form>
        </section>
        <p className="hint">{t.signIn.hint}</p>
      </main>
    </div>
  );
}
