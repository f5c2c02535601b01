// The X/Z report of a session as a document: on screen, on A4 and on an 80 mm roll (the print stylesheet narrows it).
// Expected, counted and difference are shown only when the engine gives them (never to a blind user before closing).
import type { CommandOutput } from '../../src/contract';
import { PAYMENT_METHODS } from '../../src/sale/methods';
import type { Bar } from '../components/Charts';
import { ColumnChart, HBarChart } from '../components/Charts';
import type { T } from '../i18n';
import { formatMoney } from '../money';

export type SessionReport = CommandOutput<'reports.session'>;

/** Optional figures of newer engines, read defensively so an older engine's reply still renders. */
interface Extras {
  readonly voids?: { readonly count: number; readonly total: number };
  readonly refunds?: { readonly count: number; readonly total: number };
  readonly salesByHour?: readonly { readonly hour: number; readonly count: number; readonly total: number }[];
}

export function ReportBody({ r, t }: { readonly r: SessionReport; readonly t: T }) {
  const s = r.session;
  const x = r as SessionReport & Extras;
  const m = (v: number) => formatMoney(v, s.currency, t.locale);
  const dt = (iso: string | null) => (iso === null ? t.common.none : new Intl.DateTimeFormat(t.locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)));
  const time = (iso: string) => new Intl.DateTimeFormat(t.locale, { timeStyle: 'short' }).format(new Date(iso));
  const methods = PAYMENT_METHODS.filter((k) => r.totals[k] !== 0);
  const tenderBars: Bar[] = methods.map((k) => ({ label: t.pay.methods[k], value: Math.max(0, r.totals[k]), text: m(r.totals[k]) }));
  const hourBars: Bar[] | null =
    x.salesByHour === undefined ? null : x.salesByHour.map((h) => ({ label: String(h.hour).padStart(2, '0'), value: h.total, text: `${m(h.total)} (${h.count})` }));
  const deposits = r.movements.filter((mv) => mv.direction === 'IN');
  const withdrawals = r.movements.filter((mv) => mv.direction === 'OUT');
  const diffLabel = r.differenceType === 'SHORTAGE' ? t.report.shortage : r.differenceType === 'SURPLUS' ? t.report.surplus : '';
  return (
    <article className="report" data-testid="report" data-kind={r.kind}>
      <header className="report-head">
        <div>
          <div className="report-kind" data-testid="report-kind">
            {t.report.kindOf[r.kind]}
          </div>
          <div className="session-number">{s.sessionNumber}</div>
          {r.kind === 'X' && <div className="muted small">{t.report.xHint}</div>}
        </div>
        <dl className="report-meta">
          <div>
            <dt>{t.report.register}</dt>
            <dd>
              {s.registerCode} · {s.registerName}
            </dd>
          </div>
          <div>
            <dt>{t.report.cashier}</dt>
            <dd>{s.userName}</dd>
          </div>
          <div>
            <dt>{t.report.businessDate}</dt>
            <dd>{s.businessDate}</dd>
          </div>
          <div>
            <dt>{t.report.opened}</dt>
            <dd>{dt(s.openedAt)}</dd>
          </div>
          <div>
            <dt>{t.report.closed}</dt>
            <dd>{dt(s.closedAt)}</dd>
          </div>
          <div>
            <dt>{t.report.generated}</dt>
            <dd>{dt(r.generatedAt)}</dd>
          </div>
        </dl>
      </header>

      <section className="report-kpis">
        <div className="kpi">
          <div className="kpi-label">{t.report.opening}</div>
          <div className="kpi-value amount" data-testid="report-opening" data-minor={s.openingAmount}>
            {m(s.openingAmount)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t.report.sales}</div>
          <div className="kpi-value amount" data-testid="report-sales-total" data-minor={r.sales.total}>
            {m(r.sales.total)}
          </div>
          <div className="muted small" data-testid="report-sales-count" data-count={r.sales.count}>
            {t.home.salesCount(r.sales.count)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t.report.deposits}</div>
          <div className="kpi-value amount" data-testid="report-deposits" data-minor={s.depositsTotal}>
            {m(s.depositsTotal)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t.report.withdrawals}</div>
          <div className="kpi-value amount" data-testid="report-withdrawals" data-minor={s.withdrawalsTotal}>
            {m(s.withdrawalsTotal)}
          </div>
        </div>
      </section>

      <section className="report-recon">
        <h3 className="section-title">{t.report.reconciliation}</h3>
        <dl className="recon">
          <div>
            <dt>{t.report.expected}</dt>
            <dd className="amount" data-testid="report-expected" data-minor={r.expected ?? ''}>
              {r.expected === null ? t.report.hidden : m(r.expected)}
            </dd>
          </div>
          <div>
            <dt>{t.report.counted}</dt>
            <dd className="amount" data-testid="report-counted" data-minor={r.counted ?? ''}>
              {r.counted === null ? t.common.none : m(r.counted)}
            </dd>
          </div>
          <div className={r.differenceType === 'SHORTAGE' ? 'neg' : r.differenceType === 'SURPLUS' ? 'pos' : ''}>
            <dt>{t.report.difference}</dt>
            <dd className="amount" data-testid="report-difference" data-minor={r.difference ?? ''}>
              {r.difference === null ? t.common.none : `${m(r.difference)} ${diffLabel}`}
            </dd>
          </div>
          {s.approvedBy !== null && (
            <div>
              <dt>{t.report.approvedBy}</dt>
              <dd data-testid="report-approved">✓</dd>
            </div>
          )}
        </dl>
      </section>

      <div className="report-cols">
        <section>
          <h3 className="section-title">{t.report.byMethod}</h3>
          <table className="table">
            <tbody>
              {PAYMENT_METHODS.filter((k) => r.totals[k] !== 0 || k === 'CASH').map((k) => (
                <tr key={k}>
                  <td>{t.pay.methods[k]}</td>
                  <td className="num amount" data-testid={`report-total-${k}`} data-minor={r.totals[k]}>
                    {m(r.totals[k])}
                  </td>
                </tr>
              ))}
              {x.voids !== undefined && x.voids.count > 0 && (
                <tr>
                  <td>
                    {t.report.voids} ({x.voids.count})
                  </td>
                  <td className="num amount">{m(x.voids.total)}</td>
                </tr>
              )}
              {x.refunds !== undefined && x.refunds.count > 0 && (
                <tr>
                  <td>
                    {t.report.refunds} ({x.refunds.count})
                  </td>
                  <td className="num amount">{m(x.refunds.total)}</td>
                </tr>
              )}
            </tbody>
          </table>
          {r.tenders.length > 0 && (
            <table className="table small">
              <thead>
                <tr>
                  <th />
                  <th className="num">{t.report.expected}</th>
                  <th className="num">{t.report.declared}</th>
                  <th className="num">{t.report.difference}</th>
                </tr>
              </thead>
              <tbody>
                {r.tenders.map((x2) => (
                  <tr key={x2.method}>
                    <td>{t.pay.methods[x2.method]}</td>
                    <td className="num amount">{x2.expected === null ? t.common.none : m(x2.expected)}</td>
                    <td className="num amount">{x2.declared === null ? t.common.none : m(x2.declared)}</td>
                    <td className="num amount">{x2.difference === null ? t.common.none : m(x2.difference)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="report-charts">
          <h3 className="section-title">{t.report.tenderMix}</h3>
          <HBarChart bars={tenderBars} testid="chart-tenders" empty={t.report.noData} />
          <h3 className="section-title">{t.report.byHour}</h3>
          {hourBars === null ? <p className="muted small chart-empty" data-testid="chart-hours">{t.report.byHourMissing}</p> : <ColumnChart bars={hourBars} testid="chart-hours" empty={t.report.noData} />}
        </section>
      </div>

      <section>
        <h3 className="section-title">
          {t.report.movements} ({deposits.length + withdrawals.length})
        </h3>
        {r.movements.length === 0 ? (
          <p className="muted small">{t.report.noData}</p>
        ) : (
          <table className="table small" data-testid="report-movements">
            <thead>
              <tr>
                <th>{t.report.time}</th>
                <th>{t.report.type}</th>
                <th>{t.move.reason}</th>
                <th>{t.move.description}</th>
                <th className="num">{t.common.amount}</th>
              </tr>
            </thead>
            <tbody>
              {r.movements.map((mv) => (
                <tr key={mv.id}>
                  <td>{time(mv.createdAt)}</td>
                  <td>{t.move.types[mv.type] ?? mv.type}</td>
                  <td>{t.move.reasons[mv.reason]}</td>
                  <td>{mv.description ?? ''}</td>
                  <td className="num amount">{(mv.direction === 'OUT' ? '−' : '+') + m(mv.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section>
        <h3 className="section-title">
          {t.report.counts} ({r.counts.length})
        </h3>
        {r.counts.length === 0 ? (
          <p className="muted small">{t.report.noData}</p>
        ) : (
          <table className="table small" data-testid="report-counts">
            <thead>
              <tr>
                <th>{t.report.time}</th>
                <th>{t.report.type}</th>
                <th className="num">{t.report.counted}</th>
                <th className="num">{t.report.expected}</th>
                <th className="num">{t.report.difference}</th>
              </tr>
            </thead>
            <tbody>
              {r.counts.map((c) => (
                <tr key={c.id}>
                  <td>{time(c.countedAt)}</td>
                  <td>{t.report.countTypes[c.type] ?? c.type}</td>
                  <td className="num amount">{m(c.totalCash)}</td>
                  <td className="num amount">{c.expectedAmount === null ? t.common.none : m(c.expectedAmount)}</td>
                  <td className="num amount">{c.difference === null ? t.common.none : m(c.difference)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
