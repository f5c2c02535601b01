// Over/short by cashier (loss prevention) over a range of business dates: per cashier and currency, how often and how
// much short or over, the largest, and the no-sale drawer openings, refused cash-outs, voids, refunds and discounts of
// their sessions; most short first, with a chart of shortages by cashier and of short/over by date.
import type { CurrencyCode } from '../../src/money/currencies';
import { formatMinor } from '../../src/money/money';
import { OverShortSchema } from './api';
import { Columns, Rows } from './charts';
import { FeedbackView, ScreenHead } from './feedback';
import { useRangeReport } from './range-report';
import { useWords } from './words';

const money = (minor: number, currency: string) => formatMinor(minor, currency as CurrencyCode);

export function OverShort() {
  const t = useWords();
  const { fb, from, to, setFrom, setTo, report, submit } = useRangeReport('/v1/reports/over-short', OverShortSchema, new Date(Date.now() - 30 * 86_400_000));
  const currencies = [...new Set((report?.cashiers ?? []).map((c) => c.currency))];
  return (
    <>
      <ScreenHead title={t.navOverShort} readOnly={false} />
      <FeedbackView fb={fb} />
      <form className="card console-form" onSubmit={submit}>
        <label>
          {t.from}
          <input className="text-input" type="date" data-testid="os-from" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          {t.to}
          <input className="text-input" type="date" data-testid="os-to" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <span />
        <span />
        <button className="btn btn-primary" type="submit" data-testid="os-apply">
          {t.apply}
        </button>
      </form>
      {report === null ? (
        <p className="muted">{t.loading}</p>
      ) : currencies.length === 0 ? (
        <p className="muted">{t.noSessions}</p>
      ) : (
        currencies.map((currency) => {
          const rows = report.cashiers.filter((c) => c.currency === currency);
          const dates = report.byDate.filter((d) => d.currency === currency);
          return (
            <section key={currency} className="card" data-testid={`os-${currency}`}>
              <div className="charts">
                <div className="chart-box">
                  <h3 className="chart-title">{t.shortByCashier}</h3>
                  <Rows
                    testId={`chart-os-cashiers-${currency}`}
                    label={t.shortByCashier}
                    valueText={(v) => money(-v, currency)}
                    bars={rows.map((c) => ({ label: c.cashier?.name ?? c.cashierId, value: c.shortTotal, title: `${c.cashier?.name ?? c.cashierId}: ${c.shortCount} × ${money(-c.shortTotal, currency)}` }))}
                  />
                </div>
                <div className="chart-box chart-wide">
                  <h3 className="chart-title">{t.overShortByDate}</h3>
                  <Columns
                    testId={`chart-os-dates-${currency}`}
                    label={t.overShortByDate}
                    bars={dates.map((d) => ({ label: d.businessDate.slice(8), value: d.overTotal - d.shortTotal, title: `${d.businessDate}: ${t.diffSHORT} ${money(-d.shortTotal, currency)} · ${t.diffOVER} ${money(d.overTotal, currency)}` }))}
                  />
                </div>
              </div>
              <table className="table" data-testid={`os-table-${currency}`}>
                <thead>
                  <tr>
                    <th>{t.cashier}</th>
                    <th className="num">{t.navSessions}</th>
                    <th className="num">{t.diffSHORT}</th>
                    <th className="num">{t.shortTotal}</th>
                    <th className="num">{t.shortMax}</th>
                    <th className="num">{t.diffOVER}</th>
                    <th className="num">{t.overTotal}</th>
                    <th className="num">{t.noSales}</th>
                    <th className="num">{t.cashOutRefused}</th>
                    <th className="num">{t.voids}</th>
                    <th className="num">{t.refunds}</th>
                    <th className="num">{t.discounts}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.cashierId} data-testid={`os-row-${c.cashier?.username ?? c.cashierId}`}>
                      <td>{c.cashier?.name ?? c.cashierId}</td>
                      <td className="num">{c.sessions}</td>
                      <td className="num">{c.shortCount}</td>
                      <td className={c.shortTotal > 0 ? 'num danger' : 'num'}>{money(c.shortTotal, currency)}</td>
                      <td className="num">{money(c.shortMax, currency)}</td>
                      <td className="num">{c.overCount}</td>
                      <td className="num">{money(c.overTotal, currency)}</td>
                      <td className="num">{c.noSaleCount}</td>
                      <td className="num">{c.cashOutRefusedCount}</td>
                      <td className="num">
                        {c.voidsCount} · {money(c.voidsTotal, currency)}
                      </td>
                      <td className="num">
                        {c.refundsCount} · {money(c.refundsTotal, currency)}
                      </td>
                      <td className="num">
                        {c.discountsCount} · {money(c.discountsTotal, currency)}
                      </td>
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
