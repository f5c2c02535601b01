// Home: the signed-in user, their current cash session, and the registers with who holds each. A free register can
// be opened with a typed float (parsed as text into minor units). Keyboard: the first free register's button is
// focused; in the dialog Enter confirms and Esc cancels.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../src/contract';
import { invoke } from '../api';
import { Brand, LanguageSwitch } from '../components/Brand';
import { useT } from '../i18n';
import type { Messages } from '../i18n';
import { formatMoney, parseTypedAmount } from '../money';
import type { AuthUser, CurrentCash } from '../stores/session';
import { useSession } from '../stores/session';

type RegisterStatus = CommandOutput<'cash.status'>;
type Register = RegisterStatus['register'];

function newRequestId(): string {
  return crypto.randomUUID();
}

function SessionCard({ cash, t }: { readonly cash: CurrentCash | null; readonly t: Messages }) {
  if (cash === null) return <div className="card session-card muted">{t.app.loading}</div>;
  const s = cash.session;
  if (s === null) {
    return (
      <section className="card session-card empty" data-testid="no-session">
        <h2 className="card-title">{t.home.mySession}</h2>
        <p className="empty-title">{t.home.noSession}</p>
        <p className="muted">{t.home.noSessionHint}</p>
      </section>
    );
  }
  const money = (minor: number) => formatMoney(minor, s.currency, t.locale);
  const openedAt = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(s.openedAt));
  return (
    <section className="card session-card" data-testid="session-card" aria-labelledby="session-title">
      <div className="card-head">
        <h2 id="session-title" className="card-title">
          {t.home.mySession}
        </h2>
        <span className={`badge badge-${s.status.toLowerCase()}`} data-testid="session-status" data-status={s.status}>
          {t.sessionStatus[s.status]}
        </span>
      </div>
      <p className="session-number" data-testid="session-number">
        {s.sessionNumber}
      </p>
      <dl className="facts">
        <div>
          <dt>{t.home.register}</dt>
          <dd data-testid="session-register">
            {s.registerCode} · {s.registerName}
          </dd>
        </div>
        <div>
          <dt>{t.home.openedAt}</dt>
          <dd>{openedAt}</dd>
        </div>
        <div>
          <dt>{t.home.openingAmount}</dt>
          <dd className="amount" data-testid="session-opening" data-minor={s.openingAmount}>
            {money(s.openingAmount)}
          </dd>
        </div>
        <div>
          <dt>{t.home.sales}</dt>
          <dd className="amount" data-testid="session-sales" data-count={s.salesCount} data-minor={s.salesTotal}>
            {money(s.salesTotal)} <span className="muted small">({t.home.salesCount(s.salesCount)})</span>
          </dd>
        </div>
        {cash.expectedCash !== null && (
          <div className="fact-strong">
            <dt>{t.home.expectedCash}</dt>
            <dd className="amount" data-testid="session-expected" data-minor={cash.expectedCash}>
              {money(cash.expectedCash)}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

interface OpenDialogProps {
  readonly register: Register;
  readonly t: Messages;
  readonly onOpened: (sessionNumber: string) => void;
  readonly onCancel: () => void;
}

function OpenDialog({ register, t, onOpened, onCancel }: OpenDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<ReplyError | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  // One request id per dialog: a double Enter or a retry after a lost reply opens the session once.
  const requestId = useRef(newRequestId());
  const inputRef = useRef<HTMLInputElement>(null);
  const parsed = parseTypedAmount(text, register.currency, t.locale);
  const example = formatMoney(50000, register.currency, t.locale);

  const confirm = async () => {
    setTouched(true);
    if (!parsed.ok || busy) {
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const reply = await invoke('cash.open', { registerId: register.id, openingAmount: parsed.value, requestId: requestId.current });
    setBusy(false);
    if (reply.ok) onOpened(reply.data.session.sessionNumber);
    else {
      setError(reply.error);
      inputRef.current?.focus();
    }
  };

  // Esc cancels wherever focus is (a disabled button drops focus to the body).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) {
        e.preventDefault();
        onCancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);

  const amountError = touched && !parsed.ok ? t.amountErrors[parsed.error] : null;
  return (
    <div className="backdrop" role="presentation">
      <form
        className="card dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="open-title"
        data-testid="open-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <h2 id="open-title" className="card-title">
          {t.openDialog.title(`${register.code} · ${register.name}`)}
        </h2>
        <label className="field-label" htmlFor="opening-amount">
          {t.openDialog.amountLabel}
        </label>
        <div className="amount-field">
          <span className="amount-currency">{register.currency}</span>
          <input
            ref={inputRef}
            id="opening-amount"
            className="amount-input"
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            value={text}
            placeholder={t.openDialog.amountHint(example)}
            data-testid="opening-amount"
            aria-invalid={amountError !== null}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        </div>
        <p className={amountError !== null ? 'preview preview-error' : 'preview'} data-testid="opening-preview" aria-live="polite">
          {parsed.ok ? t.openDialog.willOpenWith(formatMoney(parsed.value, register.currency, t.locale)) : (amountError ?? '\u00a0')}
        </p>
        {error !== null && (
          <div className="alert" role="alert" data-testid="open-error" data-code={error.code}>
            {t.errors[error.code]}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" data-testid="open-cancel" onClick={onCancel}>
            {t.openDialog.cancel} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || (touched && !parsed.ok)} data-testid="open-confirm">
            {t.openDialog.confirm} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}

export function Home({ user }: { readonly user: AuthUser }) {
  const t = useT();
  const cash = useSession((s) => s.cash);
  const setCash = useSession((s) => s.setCash);
  const signedOut = useSession((s) => s.signedOut);
  const [registers, setRegisters] = useState<readonly RegisterStatus[] | null>(null);
  const [error, setError] = useState<ReplyError | null>(null);
  const [opening, setOpening] = useState<Register | null>(null);
  /** Number of the session just opened, announced for a few seconds. */
  const [toast, setToast] = useState<string | null>(null);
  const firstOpenRef = useRef<HTMLButtonElement>(null);
  const cancelOpen = useCallback(() => setOpening(null), []);

  const fail = useCallback(
    (e: ReplyError) => {
      if (e.code === 'UNAUTHENTICATED') signedOut();
      else setError(e);
    },
    [signedOut],
  );

  const refresh = useCallback(async () => {
    setError(null);
    const [current, list] = await Promise.all([invoke('cash.current', {}), invoke('registers.list', {})]);
    if (!current.ok) return fail(current.error);
    setCash(current.data);
    if (!list.ok) return fail(list.error);
    const statuses = await Promise.all(list.data.registers.map((r) => invoke('cash.status', { registerId: r.id })));
    const rows: RegisterStatus[] = [];
    for (const s of statuses) {
      if (!s.ok) return fail(s.error);
      rows.push(s.data);
    }
    setRegisters(rows);
  }, [fail, setCash]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (toast === null) return;
    const timer = window.setTimeout(() => setToast(null), 4000);
    return () => window.clearTimeout(timer);
  }, [toast]);

  const hasSession = cash?.session != null;
  const mayOpen = user.permissions.includes('cash:open');
  const firstFree = registers?.find((r) => r.currentSession === null && r.register.active)?.register.id;

  useEffect(() => {
    if (opening === null && !hasSession) firstOpenRef.current?.focus();
  }, [opening, hasSession, registers]);

  const signOut = async () => {
    await invoke('auth.logout', {});
    signedOut();
  };

  return (
    <div className="screen home" data-testid="home-screen">
      <header className="topbar">
        <Brand />
        <div className="topbar-right">
          <LanguageSwitch />
          <div className="who" data-testid="current-user">
            <span className="who-name">{user.name}</span>
            <span className="who-role">{t.roles[user.role]}</span>
          </div>
          <button type="button" className="btn btn-ghost" data-testid="signout" onClick={() => void signOut()}>
            {t.home.signOut}
          </button>
        </div>
      </header>

      <main className="home-main">
        {error !== null && (
          <div className="alert home-alert" role="alert" data-testid="home-error" data-code={error.code}>
            {t.errors[error.code]}
            <button type="button" className="btn btn-ghost" onClick={() => void refresh()}>
              {t.app.retry}
            </button>
          </div>
        )}
        <div className="home-grid">
          <SessionCard cash={cash} t={t} />

          <section className="card registers" aria-labelledby="registers-title">
            <div className="card-head">
              <h2 id="registers-title" className="card-title">
                {t.home.registers}
              </h2>
              <button type="button" className="btn btn-ghost btn-small" data-testid="refresh" onClick={() => void refresh()}>
                {t.home.refresh}
              </button>
            </div>
            {registers === null && <p className="muted">{t.app.loading}</p>}
            {registers !== null && registers.length === 0 && <p className="muted">{t.home.noRegisters}</p>}
            <ul className="register-list">
              {registers?.map(({ register: r, currentSession: held }) => {
                const free = held === null;
                return (
                  <li key={r.id} className={free ? 'register free' : 'register held'} data-testid={`register-${r.code}`}>
                    <div className="register-code">{r.code}</div>
                    <div className="register-text">
                      <div className="register-name">{r.name}</div>
                      <div className="muted small">
                        {t.specialties[r.specialty]} · {t.home.currency} {r.currency}
                      </div>
                    </div>
                    <div className="register-status" data-testid={`register-status-${r.code}`} data-status={held?.status ?? 'FREE'}>
                      {free ? (
                        <span className="badge badge-free">{t.home.free}</span>
                      ) : (
                        <>
                          <span className={`badge badge-${held.status.toLowerCase()}`}>{t.sessionStatus[held.status]}</span>
                          <span className="muted small">{t.home.heldBy(held.userName)}</span>
                        </>
                      )}
                    </div>
                    <div className="register-action">
                      {free && mayOpen && !hasSession && (
                        <button
                          ref={r.id === firstFree ? firstOpenRef : undefined}
                          type="button"
                          className="btn btn-primary"
                          data-testid={`open-session-${r.code}`}
                          onClick={() => setOpening(r)}
                        >
                          {t.home.openSession}
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      </main>

      {opening !== null && (
        <OpenDialog
          register={opening}
          t={t}
          onCancel={cancelOpen}
          onOpened={(number) => {
            setOpening(null);
            setToast(number);
            void refresh();
          }}
        />
      )}
      {toast !== null && (
        <div className="toast" role="status" data-testid="toast">
          {t.openDialog.opened(toast)}
        </div>
      )}
    </div>
  );
}
