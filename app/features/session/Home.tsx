// Home: the signed-in user's cash session and the registers with who holds each. A free register opens with a float
// typed as an amount or counted on the denomination grid. The switch-register rule: while the user's session is
// active, another register is refused ("Debe cerrar la sesión de caja…"); opening on another register clears the cart.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { newRequestId, refreshCash } from '../../actions';
import { invoke } from '../../api';
import type { Quantities } from '../../components/DenominationGrid';
import { DenominationGrid, countInput, gridTotal } from '../../components/DenominationGrid';
import { Shell } from '../../components/Shell';
import { type UiError, Dialog, ErrorBox, Kbd } from '../../components/ui';
import type { T } from '../../i18n';
import { useT } from '../../i18n';
import { formatMoney, parseTypedAmount } from '../../money';
import { clearOtherCarts } from '../../stores/cart';
import { useNav } from '../../stores/nav';
import type { AuthUser, CurrentCash } from '../../stores/session';
import { useSession } from '../../stores/session';
import { formatInstant, useStoreZone } from '../../time';

/** A register with who holds it now (registers.list answers both in one request). */
type Register = CommandOutput<'registers.list'>['registers'][number];

function SessionCard({ cash, t }: { readonly cash: CurrentCash | null; readonly t: T }) {
  const go = useNav((s) => s.go);
  const zone = useStoreZone();
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
  const openedAt = formatInstant(s.openedAt, t.locale, zone, 'mediumDateTime');
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
          <dd className="amount" data-testid="session-sales" data-count={s.salesCount} data-minor={s.salesTotal ?? undefined}>
            {s.salesTotal === null ? '' : money(s.salesTotal)} <span className="muted small">({t.home.salesCount(s.salesCount)})</span>
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
      {s.status === 'OPEN' && (
        <button type="button" className="btn btn-primary btn-block session-go" data-testid="go-sell" onClick={() => go({ name: 'sell' })}>
          {s.specialty === 'AGENTS_ONLY' ? t.registerPick.goAgents : t.registerPick.goSell}
        </button>
      )}
    </section>
  );
}

interface OpenDialogProps {
  readonly register: Register;
  readonly onOpened: () => void;
  readonly onCancel: () => void;
}

function OpenDialog({ register, onOpened, onCancel }: OpenDialogProps) {
  const t = useT();
  const [mode, setMode] = useState<'typed' | 'counted'>('typed');
  const [text, setText] = useState('');
  const [counted, setCounted] = useState<Quantities>({});
  const [notes, setNotes] = useState('');
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
    if (busy) return;
    if (mode === 'typed' && !parsed.ok) {
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const amount = mode === 'typed' && parsed.ok ? { openingAmount: parsed.value } : { count: countInput(counted) };
    const reply = await invoke('cash.open', { registerId: register.id, ...amount, ...(notes.trim() ? { notes: notes.trim() } : {}), requestId: requestId.current });
    setBusy(false);
    if (reply.ok) onOpened();
    else setError(reply.error);
  };

  const amountError = touched && mode === 'typed' && !parsed.ok ? t.amountErrors[parsed.error] : null;
  const preview = mode === 'typed' ? (parsed.ok ? parsed.value : null) : gridTotal(counted);
  return (
    <Dialog title={t.openDialog.title(`${register.code} · ${register.name}`)} testid="open-dialog" onClose={busy ? null : onCancel} wide={mode === 'counted'}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <div className="segmented" role="tablist" aria-label={t.registerPick.openMode}>
          <button type="button" role="tab" aria-selected={mode === 'typed'} className={mode === 'typed' ? 'seg active' : 'seg'} data-testid="open-mode-typed" onClick={() => setMode('typed')}>
            {t.registerPick.typed}
          </button>
          <button type="button" role="tab" aria-selected={mode === 'counted'} className={mode === 'counted' ? 'seg active' : 'seg'} data-testid="open-mode-count" onClick={() => setMode('counted')}>
            {t.registerPick.counted}
          </button>
        </div>
        {mode === 'typed' ? (
          <>
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
          </>
        ) : (
          <DenominationGrid currency={register.currency} value={counted} onChange={setCounted} autoFocus />
        )}
        <p className={amountError !== null ? 'preview preview-error' : 'preview'} data-testid="opening-preview" aria-live="polite">
          {preview !== null ? t.openDialog.willOpenWith(formatMoney(preview, register.currency, t.locale)) : (amountError ?? '\u00a0')}
        </p>
        <label className="field-label" htmlFor="opening-notes">
          {t.registerPick.notes} <span className="muted small">{t.common.optional}</span>
        </label>
        <input id="opening-notes" className="text-input" value={notes} maxLength={500} data-testid="opening-notes" onChange={(e) => setNotes(e.target.value)} />
        <ErrorBox error={error} testid="open-error" />
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" data-testid="open-cancel" onClick={onCancel}>
            {t.openDialog.cancel} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || (touched && mode === 'typed' && !parsed.ok)} data-testid="open-confirm">
            {t.openDialog.confirm} <Kbd k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function Home({ user }: { readonly user: AuthUser }) {
  const t = useT();
  const cash = useSession((s) => s.cash);
  const signedOut = useSession((s) => s.signedOut);
  const go = useNav((s) => s.go);
  const [registers, setRegisters] = useState<readonly Register[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [opening, setOpening] = useState<Register | null>(null);
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
    const [currentError, list] = await Promise.all([refreshCash(), invoke('registers.list', {})]);
    if (currentError !== null) return fail(currentError);
    if (!list.ok) return fail(list.error);
    setRegisters(list.data.registers);
  }, [fail]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const mine = cash?.session ?? null;
  const hasSession = mine !== null;
  const mayOpen = user.permissions.includes('cash:open');
  const firstFree = registers?.find((r) => r.currentSession === null && r.active)?.id;

  useEffect(() => {
    if (opening === null && !hasSession) firstOpenRef.current?.focus();
  }, [opening, hasSession, registers]);

  const refuseSwitch = () => setError({ code: 'USER_HAS_OPEN_SESSION', message: t.registerPick.switchRefused, local: true });

  return (
    <Shell screen="home">
      <main className="page home-main">
        {error !== null && (
          <div className="alert home-alert" role="alert" data-testid="home-error" data-code={error.code}>
            {error.code === 'USER_HAS_OPEN_SESSION' ? t.registerPick.switchRefused : (t.errors as Record<string, string | undefined>)[error.code] ?? error.message}
            <button type="button" className="btn btn-ghost btn-small" onClick={() => void refresh()}>
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
              {registers?.map((r) => {
                const held = r.currentSession;
                const free = held === null;
                const isMine = mine?.registerId === r.id;
                return (
                  <li key={r.id} className={`register ${free ? 'free' : 'held'} ${isMine ? 'mine' : ''}`} data-testid={`register-${r.code}`}>
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
                          <span className="muted small">{isMine ? t.registerPick.yourRegister : t.home.heldBy(held.userName)}</span>
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
                      {free && hasSession && (
                        <button type="button" className="btn btn-ghost" data-testid={`switch-${r.code}`} onClick={refuseSwitch}>
                          {t.registerPick.switchTo}
                        </button>
                      )}
                      {isMine && mine.status === 'OPEN' && (
                        <button type="button" className="btn btn-primary" data-testid={`sell-${r.code}`} onClick={() => go({ name: 'sell' })}>
                          {r.specialty === 'AGENTS_ONLY' ? t.registerPick.goAgents : t.registerPick.goSell}
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
          onCancel={cancelOpen}
          onOpened={() => {
            clearOtherCarts(user.id, opening.id);
            setOpening(null);
            void refresh().then(() => go({ name: 'sell' }));
          }}
        />
      )}
    </Shell>
  );
}
