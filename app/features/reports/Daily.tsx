// The daily report across registers for the store's local date: totals in the branch's currency (sales, voids,
// refunds, tenders, agent operations, sales by hour), tender mix, every session of the day.
import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { PAYMENT_METHODS } from '../../../src/sale/methods';
import { AGENT_KINDS } from '../../../src/session/ledger';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { usePrint } from '../../components/Print';
import { AmountRow, ByMethod, Kpi, ReportCharts, tenderBars } from '../../components/report-sections';
import { Shell } from '../../components/Shell';
import { ErrorBox, Progress } from '../../components/ui';
import type { T } from '../../i18n';
import { useT } from '../../i18n';
import { formatMoney } from '../../money';
import { useNav } from '../../stores/nav';
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
        <Kpi label={t.report.sales} value={m(s.salesTotal)} testid="daily-sales" minor={s.salesTotal}>
          <div className="muted small">{t.home.salesCount(s.salesCount)}</div>
        </Kpi>
        <Kpi label={t.daily.sessions} value={s.totalSessions} valueClass="kpi-value">
          <div className="muted small">
            {t.daily.open} {s.openSessions} · {t.daily.closedCount} {s.closedSessions}
          </div>
        </Kpi>
        <Kpi
          label={
            <>
              {t.report.deposits} / {t.report.withdrawals}
            </>
          }
          value={
            <>
              {m(s.depositsTotal)} / {m(s.withdrawalsTotal)}
            </>
          }
          valueClass="kpi-value amount small-kpi"
        />
        <Kpi label={t.daily.differenceTotal} value={m(s.difference)} valueClass={`kpi-value amount ${s.difference < 0 ? 'neg' : ''}`} testid="daily-difference" minor={s.difference} />
      </section>
      {s.otherCurrencySessions > 0 && <p className="alert alert-warn">{t.daily.otherCurrency(s.otherCurrencySessions, currency)}</p>}
      <div className="report-cols">
        <section>
          <h3 className="section-title">{t.report.salesBreakdown}</h3>
          <table className="table small" data-testid="daily-operations">
            <tbody>
              <AmountRow label={`${t.report.voids} (${s.operations.voidsCount})`} testid="daily-voids" minor={s.operations.voidsTotal}>
                {m(s.operations.voidsTotal)}
              </AmountRow>
              <AmountRow label={`${t.report.refunds} (${s.operations.refundsCount})`} testid="daily-refunds" minor={s.operations.refundsTotal}>
                {m(s.operations.refundsTotal)}
              </AmountRow>
              <AmountRow label={t.report.net} total>
                {m(s.salesTotal)}
              </AmountRow>
              <AmountRow label={`${t.report.discounts} (${s.discounts.count})`} testid="daily-discounts" minor={s.discounts.total}>
                {m(s.discounts.total)}
              </AmountRow>
              <AmountRow label={`${t.report.cashOutRefusals} (${s.cashOutRefusals.count})`} testid="daily-refusals" minor={s.cashOutRefusals.total}>
                {m(s.cashOutRefusals.total)}
              </AmountRow>
            </tbody>
          </table>
          <h3 className="section-title">
            {t.report.agents} ({s.agents.count})
          </h3>
          <table className="table small" data-testid="daily-agents">
            <tbody>
              {AGENT_KINDS.map((k) => (
                <AmountRow key={k} label={t.agents.kinds[k]} minor={s.agents.byKind[k]}>
                  {m(s.agents.byKind[k])}
                </AmountRow>
              ))}
              <AmountRow label={t.agents.commission}>{m(s.agents.commission)}</AmountRow>
              <AmountRow label={t.agents.netCash} testid="daily-agents-net" minor={s.agents.netCash} total>
                {m(s.agents.netCash)}
              </AmountRow>
            </tbody>
          </table>
          <ByMethod totals={s.totals} m={m} t={t} />
        </section>
        <ReportCharts tenders={tenderBars(PAYMENT_METHODS, s.totals, m, t)} hours={hourBars(s.salesByHour, m, t.report.refunds)} testidPrefix="daily-chart" t={t} />
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
                {s.salesTotal === null ? t.report.hiddenShort : m(s.salesTotal)} <span className="muted">({s.salesCount})</span>
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
  const [printed, setPrinted] = useState<string | null>(null);
  /** The A4 daily report through the print host (print.daily): the same figures, on a register's printer. */
  const printOnRegister = async () => {
    setPrinted(null);
    const reply = await invoke('print.daily', { ...(date ? { date } : {}), requestId: newRequestId() });
    if (!reply.ok) return setError(reply.error);
    setPrinted(reply.data.printer === 'NONE' ? t.counter.noPrinter : t.counter.sentToPrinter);
  };

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
            <button type="button" className="btn btn-ghost" disabled={report === null} data-testid="daily-print" title={t.counter.printDailyHint} onClick={() => void printOnRegister()}>
              {t.counter.printDaily}
            </button>
            <button type="button" className="btn btn-ghost" disabled={report === null} data-testid="daily-print-a4" onClick={() => report && print('a4', <DailyBody r={report} t={t} />)}>
              {t.common.printA4}
            </button>
          </form>
        </div>
        <ErrorBox error={error} testid="daily-error" />
        {printed !== null && (
          <div className="alert alert-info no-print" role="status" data-testid="daily-printed">
            {printed}
          </div>
        )}
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
