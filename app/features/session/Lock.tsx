// The lock screen of a suspended session: the same user's PIN resumes it (a fresh sign-in, then cash.resume), or a
// supervisor's PIN does (a `cash:resume` grant through auth.verifySupervisor, then cash.resume {grantId}, recorded on
// the ledger with the approver). Anyone else may only switch user; the session stays suspended and the register held.
import { useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { refreshCash, signOut } from '../../actions';
import { invoke } from '../../api';
import { Brand, LanguageSwitch } from '../../components/Brand';
import { PinInput, PinKeypad } from '../../components/PinEntry';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { SyncBadge } from '../../components/Shell';
import { ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import type { AuthUser } from '../../stores/session';
import { formatInstant, sameDay, useStoreZone } from '../../time';

type Session = NonNullable<CommandOutput<'cash.current'>['session']>;

export function LockScreen({ session, user }: { readonly session: Session; readonly user: AuthUser }) {
  const t = useT();
  const zone = useStoreZone();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<Pick<ReplyError, 'code' | 'message' | 'details'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [asking, setAsking] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (lockedUntil === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [lockedUntil]);

  const submit = async () => {
    if (busy || !/^\d{4,8}$/.test(pin)) return;
    setBusy(true);
    const login = await invoke('auth.login', { username: user.username, pin });
    setPin('');
    if (!login.ok) {
      setBusy(false);
      setError(login.error);
      const secs = login.error.details?.retryInSeconds;
      setLockedUntil(login.error.code === 'PIN_LOCKED' && typeof secs === 'number' ? Date.now() + secs * 1000 : null);
      setNow(Date.now());
      ref.current?.focus();
      return;
    }
    const resumed = await invoke('cash.resume', {});
    setBusy(false);
    if (!resumed.ok) setError(resumed.error);
    await refreshCash();
  };

  const supervisorResume = async (grant: Grant) => {
    setAsking(false);
    setBusy(true);
    const resumed = await invoke('cash.resume', { grantId: grant.grantId });
    setBusy(false);
    if (!resumed.ok) {
      setError(resumed.error);
      return;
    }
    await refreshCash();
  };

  const since =
    session.suspendedAt === null
      ? null
      : formatInstant(session.suspendedAt, t.locale, zone, sameDay(new Date(session.suspendedAt), new Date(now), zone) ? 'time' : 'dateTime');
  const left = lockedUntil === null ? null : Math.max(0, Math.ceil((lockedUntil - now) / 1000));
  return (
    <div className="screen lock" data-testid="lock-screen">
      <header className="topbar">
        <Brand />
        <div className="topbar-right">
          <SyncBadge />
          <LanguageSwitch />
        </div>
      </header>
      <main className="lock-main">
        <section className="card lock-card">
          <svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" className="lock-icon">
            <rect x="4" y="10" width="16" height="11" rx="2.5" fill="currentColor" />
            <path d="M8 10V7a4 4 0 0 1 8 0v3" stroke="currentColor" strokeWidth="2.2" fill="none" />
          </svg>
          <h1 className="title">{t.lock.title}</h1>
          <p className="session-number" data-testid="lock-session">
            {session.sessionNumber} · {session.registerCode}
          </p>
          {since !== null && (
            <p className="lock-since" data-testid="lock-since" data-at={session.suspendedAt ?? ''}>
              {t.lock.suspendedSince(since)}
            </p>
          )}
          <p className="muted">{t.lock.subtitle(user.name)}</p>
          <form
            className="pin-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <PinInput ref={ref} aria-label={t.signIn.pinFor(user.name)} data-testid="lock-pin" value={pin} onPin={setPin} />
            <div className="alert-slot">
              {error !== null && error.code === 'PIN_LOCKED' && left !== null ? (
                <div className="alert alert-warn" role="alert" data-testid="lock-error" data-code="PIN_LOCKED">
                  {t.signIn.lockedFor(`${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`)}
                </div>
              ) : (
                <ErrorBox error={error} testid="lock-error" />
              )}
            </div>
            <PinKeypad setPin={setPin} disabled={busy} />
            <button type="submit" className="btn btn-primary btn-block" disabled={busy || pin.length < 4} data-testid="lock-resume">
              {t.lock.resume} <Kbd k="Enter" />
            </button>
            <div className="lock-alt">
              <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => setAsking(true)} data-testid="lock-supervisor">
                {t.lock.supervisorResume}
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => void signOut()} data-testid="lock-switch-user">
                {t.lock.otherUser}
              </button>
            </div>
          </form>
        </section>
      </main>
      {asking && (
        <PinDialog
          title={t.lock.supervisorTitle}
          hint={t.lock.supervisorHint(user.name)}
          permission="cash:resume"
          onGranted={(g) => void supervisorResume(g)}
          onCancel={() => {
            setAsking(false);
            ref.current?.focus();
          }}
        />
      )}
    </div>
  );
}
