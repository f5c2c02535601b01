// Live: the drawers of open sessions as their registers stream them (provisional until the session is sealed and
// delivered), and sync health per register (last contact, lag of the newest entry HQ holds, the backlog the register
// last reported). Refreshes by itself every few seconds while the tab is visible; reading only.
import { useCallback, useEffect, useState } from 'react';
import type { CurrencyCode } from '../../src/money/currencies';
import { formatMinor } from '../../src/money/money';
import type { LiveDrawers, StreamRegisters } from './api';
import { LiveDrawersSchema, StreamRegistersSchema, call } from './api';
import { FeedbackView, ScreenHead, useFeedback } from './feedback';
import { useConsole } from './store';
import { useWords } from './words';

/** How often the screen asks HQ again (ms). */
export const LIVE_REFRESH_MS = 2_000;
const money = (minor: number, currency: string) => formatMinor(minor, currency as CurrencyCode);

export function Live() {
  const t = useWords();
  const lang = useConsole((s) => s.lang);
  const fb = useFeedback();
  const [drawers, setDrawers] = useState<LiveDrawers['drawers'] | null>(null);
  const [registers, setRegisters] = useState<StreamRegisters['registers']>([]);
  const [at, setAt] = useState<Date | null>(null);
  const load = useCallback(async () => {
    const [d, r] = await Promise.all([call('GET', '/v1/live/drawers', LiveDrawersSchema), call('GET', '/v1/stream/registers', StreamRegistersSchema)]);
    if (!d.ok) return fb.refused(d);
    if (!r.ok) return fb.refused(r);
    setDrawers(d.data.drawers);
    setRegisters(r.data.registers);
    setAt(new Date());
    // fb's setters are stable.
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang);
  const lag = (s: number | null) => (s === null ? '—' : s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`);
  return (
    <>
      <ScreenHead title={t.navLive} readOnly={false} />
      <p className="muted" aria-live="off" data-testid="live-updated">
        {t.liveHelp} {at && `${t.updatedAt} ${at.toLocaleTimeString(lang)}`}
      </p>
      <FeedbackView fb={fb} />
      <section className="card">
        <h2 className="card-title">{t.liveDrawers}</h2>
        {drawers === null ? (
          <p className="muted">{t.loading}</p>
        ) : drawers.length === 0 ? (
          <p className="muted">{t.noLive}</p>
        ) : (
          <table className="table" data-testid="live-drawers">
            <thead>
              <tr>
                <th>{t.register}</th>
                <th>{t.cashier}</th>
                <th>{t.openedAt}</th>
                <th className="num">{t.sales}</th>
                <th className="num">{t.expectedCash}</th>
                <th>{t.lastEntry}</th>
                <th className="num">{t.lag}</th>
              </tr>
            </thead>
            <tbody>
              {drawers.map((d) => (
                <tr key={d.sessionId} data-testid={`live-${d.branchCode}-${d.registerCode}`}>
                  <td className="mono">
                    {d.branchCode}/{d.registerCode}
                  </td>
                  <td>{d.cashier.name ?? d.cashier.userId}</td>
                  <td>{time(d.openedAt)}</td>
                  <td className="num">
                    {money(d.salesTotal, d.currency)} <span className="muted small">({d.salesCount})</span>
                  </td>
                  <td className="num">{money(d.expectedCash, d.currency)}</td>
                  <td>
                    <span className="mono small">
                      #{d.lastEntry.seq} {d.lastEntry.kind}
                    </span>{' '}
                    {time(d.lastEntry.at)}
                  </td>
                  <td className="num">{lag(d.lagSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2 className="card-title">{t.syncHealth}</h2>
        {registers.length === 0 ? (
          <p className="muted">{t.noLive}</p>
        ) : (
          <table className="table" data-testid="sync-health">
            <thead>
              <tr>
                <th>{t.register}</th>
                <th>{t.lastContact}</th>
                <th className="num">{t.lag}</th>
                <th className="num">{t.backlog}</th>
                <th className="num">{t.openSessions}</th>
              </tr>
            </thead>
            <tbody>
              {registers.map((r) => {
                const contacts = [...r.open.map((o) => o.lastReceivedAt), ...(r.backlog ? [r.backlog.reportedAt] : [])].sort();
                const last = contacts[contacts.length - 1];
                return (
                  <tr key={`${r.branchCode}/${r.registerCode}`} data-testid={`health-${r.branchCode}-${r.registerCode}`}>
                    <td className="mono">
                      {r.branchCode}/{r.registerCode}
                    </td>
                    <td>{last ? new Date(last).toLocaleString(lang) : '—'}</td>
                    <td className="num">{lag(r.lagSeconds)}</td>
                    <td className="num">{r.backlog ? `${r.backlog.entries} / ${r.backlog.sessions}` : '—'}</td>
                    <td className="num">{r.open.length}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
