// The daily report across registers for the store's local date: totals in the branch's currency (sales, voids,
// refunds, tenders, agent operations, sales by hour), tender mix, every session of the day.
import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../src/contract';
import { PAYMENT_METHODS } from '../../src/sale/methods';
import { AGENT_KINDS } from '../../src/session/ledger';
import { invoke } from '../api';
import { ColumnChart, HBarChart } from '../components/Charts';
import { usePrint } from '../components/Print';
import { Shell } from '../components/Shell';
import { ErrorBox, Progress } from '../components/ui';
import type { T } from '../i18n';
import { useT } from '../i18n';
import { formatMoney } from '../money';
import { useNav } from '../stores/nav';
import { hourBars } from './ReportBody';

type DailyReport = CommandOutput<'reports.daily'>;

function DailyBody({ r, t, onOpen }: { readonly r: DailyReport; readonly t: T; readonly onOpen?: (id: string) => void }) {
  const currency = r.currency;
  const m = (v: number) => formatMoney(v, currency, t.locale);
  const s = r.summary;
  return (
    <article className="report" data-testid="daily-report">
      <header className="report-head">
        <div>
          <div className="report-kind">{t.daily.title}</div>
          <div className="session-number">{r.date}</div>
        </div>
      </header>
      <section className="report-kpis">
        <div className="kpi">
          <div className="kpi-label">{t.report.sales}</div>
          <div className="kpi-value amount" data-testid="daily-sales" data-minor={s.salesTotal}>
            {m(s.salesTotal)}
          </div>
          <div className="muted small">{t.home.salesCount(s.salesCount)}</div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t.daily.sessions}</div>
          <div className="kpi-value">{s.totalSessions}</div>
          <div className="muted small">
            {t.daily.open} {s.openSessions} · {t.daily.closedCount} {s.closedSessions}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">
            {t.report.deposits} / {t.report.withdrawals}
          </div>
          <div className="kpi-value amount small-kpi">
            {m(s.depositsTotal)} / {m(s.withdrawalsTotal)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t.daily.differenceTotal}</div>
          <div className={`kpi-value amount ${s.difference < 0 ? 'neg' : ''}`} data-testid="daily-difference" data-minor={s.difference}>
            {m(s.difference)}
          </div>
        </div>
      </section>
      {s.otherCurrencySessions > 0 && <p className="alert alert-warn">{t.daily.otherCurrency(s.otherCurrencySessions, currency)}</p>}
      <div className="report-cols">
        <section>
          <h3 className="section-title">{t.report.salesBreakdown}</h3>
          <table className="table small" data-testid="daily-operations">
            <tbody>
              <tr>
                <td>
                  {t.report.voids} ({s.operations.voidsCount})
                </td>
                <td className="num amount" data-testid="daily-voids" data-minor={s.operations.voidsTotal}>
                  {m(s.operations.voidsTotal)}
                </td>
              </tr>
              <tr>
                <td>
                  {t.report.refunds} ({s.operations.refundsCount})
                </td>
                <td className="num amount" data-testid="daily-refunds" data-minor={s.operations.refundsTotal}>
                  {m(s.operations.refundsTotal)}
                </td>
              </tr>
              <tr className="row-total">
                <td>{t.report.net}</td>
                <td className="num amount">{m(s.salesTotal)}</td>
              </tr>
            </tbody>
          </table>
          <h3 className="section-title">
            {t.report.agents} ({s.agents.count})
          </h3>
          <table className="table small" data-testid="daily-agents">
            <tbody>
              {AGENT_KINDS.map((k) => (
                <tr key={k}>
                  <td>{t.agents.kinds[k]}</td>
                  <td className="num amount" data-minor={s.agents.byKind[k]}>
                    {m(s.agents.byKind[k])}
                  </td>
                </tr>
              ))}
              <tr>
                <td>{t.agents.commission}</td>
                <td className="num amount">{m(s.agents.commission)}</td>
              </tr>
              <tr className="row-total">
                <td>{t.agents.netCash}</td>
                <td className="num amount" data-testid="daily-agents-net" data-minor={s.agents.netCash}>
                  {m(s.agents.netCash)}
                </td>
              </tr>
            </tbody>
          </table>
          <h3 className="section-title">{t.report.byMethod}</h3>
          <table className="table">
            <tbody>
              {PAYMENT_METHODS.filter((k) => s.totals[k] !== 0 || k === 'CASH').map((k) => (
                <tr key={k}>
                  <td>{t.pay.methods[k]}</td>
                  <td className="num amount">{m(s.totals[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="report-charts">
          <h3 className="section-title">{t.report.tenderMix}</h3>
          <HBarChart
            bars={PAYMENT_METHODS.map((k) => ({ label: t.pay.methods[k], value: Math.max(0, s.totals[k]), text: m(s.totals[k]) }))}
            testid="daily-chart-tenders"
            empty={t.report.noData}
          />
          <h3 className="section-title">{t.report.byHour}</h3>
          <ColumnChart bars={hourBars(s.salesByHour, m, t.report.refunds)} testid="daily-chart-hours" empty={t.report.noData} />
        </section>
      </div>
      <section>
        <h3 className="section-title">{t.daily.sessions}</h3>
        <SessionTable sessions={r.sessions} t={t} onOpen={onOpen} />
      </section>
    </article>
  );
}

type SessionRow = DailyReport['sessions'][number];

export function SessionTable({ sessions, t, onOpen }: { readonly sessions: readonly SessionRow[]; readonly t: T; readonly onOpen?: ((id: string) => void) | undefined }) {
  return (
    <table className="table small" data-testid="session-table">
      <thead>
        <tr>
          <th>{t.report.session}</th>
          <th>{t.report.register}</th>
          <th>{t.report.cashier}</th>
          <th>{t.common.status}</th>
          <th className="num">{t.report.opening}</th>
          <th className="num">{t.report.sales}</th>
          <th className="num">{t.report.counted}</th>
          <th className="num">{t.report.difference}</th>
          {onOpen && <th className="no-print" />}
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => {
          const m = (v: number) => formatMoney(v, s.currency, t.locale);
          return (
            <tr key={s.id} data-testid={`session-row-${s.sessionNumber}`}>
              <td className="mono">{s.sessionNumber}</td>
              <td>{s.registerCode}</td>
              <td>{s.userName}</td>
              <td>
                <span className={`badge badge-${s.status.toLowerCase()}`}>{t.sessionStatus[s.status]}</span>
              </td>
              <td className="num amount">{m(s.openingAmount)}</td>
              <td className="num amount">
                {m(s.salesTotal)} <span className="muted">({s.salesCount})</span>
              </td>
              <td className="num amount">{s.closingAmount === null ? t.common.none : m(s.closingAmount)}</td>
              <td className={`num amount ${s.difference !== null && s.difference < 0 ? 'neg' : ''}`}>{s.difference === null ? t.common.none : m(s.difference)}</td>
              {onOpen && (
                <td className="no-print">
                  <button type="button" className="btn btn-ghost btn-small" data-testid={`open-report-${s.sessionNumber}`} onClick={() => onOpen(s.id)}>
                    {t.sessions.open}
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Daily() {
  const t = useT();
  const go = useNav((s) => s.go);
  const print = usePrint((s) => s.print);
  const [date, setDate] = useState('');
  const [report, setReport] = useState<DailyReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);

  const load = useCallback(async (d: string) => {
    setLoading(true);
    setError(null);
    const r = await invoke('reports.daily', d ? { date: d } : {});
    setLoading(false);
    if (r.ok) {
      setReport(r.data);
      setDate(r.data.date);
    } else setError(r.error);
  }, []);

  useEffect(() => {
    void load('');
  }, [load]);

  return (
    <Shell screen="daily">
      <main className="page">
        <div className="page-head">
          <h1 className="title">{t.daily.title}</h1>
          <form
            className="page-actions"
            onSubmit={(e) => {
              e.preventDefault();
              void load(date);
            }}
          >
            <input type="date" className="text-input" value={date} aria-label={t.common.date} data-testid="daily-date" onChange={(e) => setDate(e.target.value)} />
            <button type="submit" className="btn btn-ghost">
              {t.daily.load}
            </button>
            <button type="button" className="btn btn-ghost" disabled={report === null} onClick={() => report && print('a4', <DailyBody r={report} t={t} />)}>
              {t.common.printA4}
            </button>
          </form>
        </div>
        <ErrorBox error={error} testid="daily-error" />
        {loading && <Progress label={t.common.loading} />}
        {report !== null && (
          <div className="card report-card">
            <DailyBody r={report} t={t} onOpen={(id) => go({ name: 'report', sessionId: id })} />
          </div>
        )}
      </main>
    </Shell>
  );
}
