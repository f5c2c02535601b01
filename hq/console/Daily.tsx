// The daily report across branches over a range of business dates (default: today), one block per currency (never
// summed across currencies): totals, sales by store-local hour, the tender mix and sales by branch as charts, the
// table by branch, and the CSV export.
import type { CurrencyCode } from '../../src/money/currencies';
import { formatMinor } from '../../src/money/money';
import { DailySchema } from './api';
import { Columns, Rows } from './charts';
import { FeedbackView, ScreenHead } from './feedback';
import { useRangeReport } from './range-report';
import { useWords } from './words';

const money = (minor: number, currency: string) => formatMinor(minor, currency as CurrencyCode);

export function Daily() {
  const t = useWords();
  const { fb, from, to, setFrom, setTo, range, report, submit } = useRangeReport('/v1/reports/daily-range', DailySchema, new Date());
  return (
    <>
      <ScreenHead title={t.navDaily} readOnly={false} />
      <FeedbackView fb={fb} />
      <form className="card console-form" onSubmit={submit} data-testid="daily-range">
        <label>
          {t.from}
          <input className="text-input" type="date" data-testid="daily-from" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          {t.to}
          <input className="text-input" type="date" data-testid="daily-to" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <span />
        <a className="btn btn-ghost" data-testid="daily-csv" href={`/v1/reports/daily-range.csv?from=${range.from}&to=${range.to}`} download>
          CSV
        </a>
        <button className="btn btn-primary" type="submit" data-testid="daily-apply">
          {t.apply}
        </button>
      </form>
      {report === null ? (
        <p className="muted">{t.loading}</p>
      ) : report.overall.length === 0 ? (
        <p className="muted">{t.noSessions}</p>
      ) : (
        report.overall.map(({ currency, totals }) => {
          const hours = Array.from({ length: 24 }, (_, h) => report.byHour.find((x) => x.currency === currency && x.hour === h));
          return (
            <section key={currency} className="card" data-testid={`daily-${currency}`}>
              <div className="card-head">
                <h2 className="card-title">
                  {currency} · {report.from === report.to ? report.from : `${report.from} – ${report.to}`}
                </h2>
              </div>
              <div className="kpis">
                <Kpi label={t.sales} value={money(totals.salesTotal, currency)} sub={`${totals.salesCount}`} testId="kpi-sales" />
                <Kpi label={t.navSessions} value={String(totals.sessions)} />
                <Kpi label={t.difference} value={money(totals.difference, currency)} sub={`${t.diffSHORT}: ${totals.shortCount} · ${t.diffOVER}: ${totals.overCount}`} />
                <Kpi label={t.voids} value={money(totals.voidsTotal, currency)} sub={String(totals.voidsCount)} />
                <Kpi label={t.refunds} value={money(totals.refundsTotal, currency)} sub={String(totals.refundsCount)} />
                <Kpi label={t.discounts} value={money(totals.discountsTotal, currency)} sub={String(totals.discountsCount)} />
              </div>
              <div className="charts">
                <div className="chart-box">
                  <h3 className="chart-title">{t.salesByHour}</h3>
                  <Columns
                    testId={`chart-hours-${currency}`}
                    label={t.salesByHour}
                    bars={hours.map((x, h) => ({ label: h % 3 === 0 ? String(h) : '', value: x?.net ?? 0, title: `${String(h).padStart(2, '0')}:00 · ${money(x?.net ?? 0, currency)}` }))}
                  />
                </div>
                <div className="chart-box">
                  <h3 className="chart-title">{t.tenderMix}</h3>
                  <Rows
                    testId={`chart-tenders-${currency}`}
                    label={t.tenderMix}
                    valueText={(v) => money(v, currency)}
                    bars={report.tenders.filter((x) => x.currency === currency).map((x) => ({ label: t.methods[x.method] ?? x.method, value: x.amount, title: `${x.method}: ${money(x.amount, currency)}` }))}
                  />
                </div>
                <div className="chart-box">
                  <h3 className="chart-title">{t.salesByBranch}</h3>
                  <Rows
                    testId={`chart-branches-${currency}`}
                    label={t.salesByBranch}
                    valueText={(v) => money(v, currency)}
                    bars={report.byBranch.filter((x) => x.currency === currency).map((x) => ({ label: x.branchCode, value: x.totals.salesTotal, title: `${x.branchCode}: ${money(x.totals.salesTotal, currency)}` }))}
                  />
                </div>
              </div>
              <table className="table" data-testid={`daily-branches-${currency}`}>
                <thead>
                  <tr>
                    <th>{t.branch}</th>
                    <th className="num">{t.navSessions}</th>
                    <th className="num">{t.sales}</th>
                    <th className="num">{t.difference}</th>
                    <th className="num">{t.voids}</th>
                    <th className="num">{t.refunds}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.byBranch
                    .filter((x) => x.currency === currency)
                    .map((x) => (
                      <tr key={x.branchCode}>
                        <td className="mono">{x.branchCode}</td>
                        <td className="num">{x.totals.sessions}</td>
                        <td className="num">{money(x.totals.salesTotal, currency)}</td>
                        <td className={x.totals.difference < 0 ? 'num danger' : 'num'}>{money(x.totals.difference, currency)}</td>
                        <td className="num">{money(x.totals.voidsTotal, currency)}</td>
                        <td className="num">{money(x.totals.refundsTotal, currency)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          );
        })
      )}
    </>
  );
}

export function Kpi({ label, value, sub, testId }: { readonly label: string; readonly value: string; readonly sub?: string; readonly testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub !== undefined && <div className="kpi-sub muted small">{sub}</div>}
    </div>
  );
}
