// Closing the register: a blind count on the denomination grid (a blind user never sees the expected cash). A
// difference beyond the register's tolerance is refused by the engine (DIFFERENCE_NEEDS_APPROVAL) and the session
// waits in COUNTING: recount, or a supervisor approves with their PIN (cash:approve_difference). Then the Z report.
import { useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { newRequestId, refreshCash } from '../../actions';
import { invoke } from '../../api';
import type { Quantities } from '../../components/DenominationGrid';
import { DenominationGrid, countInput } from '../../components/DenominationGrid';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { Shell } from '../../components/Shell';
import { ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../money';
import { clearOtherCarts, useCart } from '../../stores/cart';
import { useNav } from '../../stores/nav';
import { useSession } from '../../stores/session';

type Session = NonNullable<CommandOutput<'cash.current'>['session']>;

export function Close({ session }: { readonly session: Session }) {
  const t = useT();
  const go = useNav((s) => s.go);
  const expected = useSession((s) => s.cash?.expectedCash ?? null);
  const [q, setQ] = useState<Quantities>({});
  const [gridKey, setGridKey] = useState(0);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);
  const [refused, setRefused] = useState<ReplyError | null>(null);
  const [asking, setAsking] = useState(false);
  const m = (v: number) => formatMoney(v, session.currency, t.locale);

  const submit = async (grant?: Grant) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const reply = await invoke('cash.close', {
      count: countInput(q),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(grant ? { grantId: grant.grantId } : {}),
      requestId: newRequestId(),
    });
    setBusy(false);
    if (reply.ok) {
      const userId = useSession.getState().user?.id;
      if (userId) clearOtherCarts(userId, null);
      useCart.setState({ key: null, lines: [], selected: -1 });
      // The reply carries the Z report, and a closed session leaves the user with none: nothing to ask again.
      go({ name: 'report', sessionId: reply.data.session.id, report: reply.data.report });
      useSession.getState().setCash({ session: null, hasOpenSession: false, expectedCash: null });
      return;
    }
    if (reply.error.code === 'DIFFERENCE_NEEDS_APPROVAL') setRefused(reply.error);
    else {
      setError(reply.error);
      // Past the refused closes a blind count allows, a supervisor stands by the next one: ask for the PIN at once.
      if (reply.error.code === 'SUPERVISOR_REQUIRED' && !grant) setAsking(true);
    }
    await refreshCash();
  };

  const recount = () => {
    setRefused(null);
    setQ({});
    setGridKey((k) => k + 1);
  };

  const details = refused?.details ?? {};
  const diff = typeof details.difference === 'number' ? details.difference : null;
  const tolerance = typeof details.tolerance === 'number' ? details.tolerance : null;

  return (
    <Shell screen="close">
      <main className="page">
        <div className="page-head">
          <h1 className="title">{t.close.title}</h1>
          <span className="session-number" data-testid="session-number">
            {session.sessionNumber}
          </span>
        </div>
        <div className="close-grid">
          <section className="card">
            <p className="muted">{t.close.blindHint}</p>
            <DenominationGrid key={gridKey} currency={session.currency} value={q} onChange={setQ} autoFocus enterSubmits onDone={() => void submit()} />
            <p className="hint" data-testid="close-keys">
              {t.counter.closeEnter}
            </p>
          </section>
          <section className="card close-side">
            {session.status === 'COUNTING' && refused === null && <div className="alert alert-warn">{t.close.counting}</div>}
            {expected !== null && (
              <dl className="facts">
                <div className="fact-strong">
                  <dt>{t.close.expected}</dt>
                  <dd className="amount" data-testid="close-expected">
                    {m(expected)}
                  </dd>
                </div>
              </dl>
            )}
            <label className="field-label" htmlFor="close-notes">
              {t.common.notes} <span className="muted small">{t.common.optional}</span>
            </label>
            <input id="close-notes" className="text-input" value={notes} maxLength={500} data-testid="close-notes" onChange={(e) => setNotes(e.target.value)} />
            <ErrorBox error={error} testid="close-error" />
            {refused !== null ? (
              <div className="refused" data-testid="close-refused" data-code={refused.code}>
                <div className="alert alert-warn" role="alert">
                  {t.close.needsApproval}
                </div>
                {diff !== null && (
                  <dl className="facts">
                    <div>
                      <dt>{t.close.difference}</dt>
                      <dd className="amount" data-testid="close-difference">
                        {m(diff)}
                      </dd>
                    </div>
                    {tolerance !== null && (
                      <div>
                        <dt>{t.close.tolerance}</dt>
                        <dd className="amount">{m(tolerance)}</dd>
                      </div>
                    )}
                  </dl>
                )}
                <div className="dialog-actions">
                  <button type="button" className="btn btn-ghost" onClick={recount} data-testid="close-recount">
                    {t.close.recount}
                  </button>
                  <button type="button" className="btn btn-primary" onClick={() => setAsking(true)} data-testid="close-approve">
                    {t.close.approve}
                  </button>
                </div>
              </div>
            ) : (
              <div className="dialog-actions">
                {session.status !== 'COUNTING' && (
                  <button type="button" className="btn btn-ghost" onClick={() => go({ name: 'sell' })} disabled={busy}>
                    {t.common.back}
                  </button>
                )}
                <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy} data-testid="close-confirm">
                  {t.close.confirm} <Kbd k="Enter" />
                </button>
              </div>
            )}
          </section>
        </div>
      </main>
      {asking && (
        <PinDialog
          title={t.pin.supervisorTitle}
          hint={t.pin.supervisorHint}
          permission="cash:approve_difference"
          onGranted={(g) => {
            setAsking(false);
            void submit(g);
          }}
          onCancel={() => setAsking(false)}
        />
      )}
    </Shell>
  );
}
