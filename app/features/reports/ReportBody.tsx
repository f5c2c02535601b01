// The X/Z report of a session as a document: on screen, on A4 and on an 80 mm roll (the print stylesheet narrows it).
// Expected, counted and difference are shown only when the engine gives them (never to a blind user before closing).
import type { CommandOutput } from '../../../src/contract';
import { PAYMENT_METHODS } from '../../../src/sale/methods';
import { AGENT_KINDS } from '../../../src/session/ledger';
import type { Bar } from '../../components/Charts';
import { AmountRow, ByMethod, Kpi, ReportCharts, ReportTable, Titled, tenderBars } from '../../components/report-sections';
import { num } from '../../components/ui';
import type { T } from '../../i18n';
import { formatMoney, ratePercent } from '../../money';
import { useStoreTime } from '../../time';

export type SessionReport = CommandOutput<'reports.session'>;
type HourTotals = SessionReport['salesByHour'][number];

/** Hours on the axis: every hour from the first to the last with activity (quiet ones as zero), at least MIN_HOURS wide. */
const MIN_HOURS = 10;

export function hourBars(hours: readonly HourTotals[], money: (v: number) => string, refundsLabel: string): Bar[] {
  if (hours.length === 0) return [];
  const by = new Map(hours.map((h) => [h.hour, h]));
  let first = Math.min(...hours.map((h) => h.hour));
  let last = Math.max(...hours.map((h) => h.hour));
  while (last - first + 1 < MIN_HOURS && (first > 0 || last < 23)) {
    if (first > 0) first--;
    if (last - first + 1 < MIN_HOURS && last < 23) last++;
  }
  const bars: Bar[] = [];
  for (let hour = first; hour <= last; hour++) {
    const h = by.get(hour);
    const refunds = h !== undefined && h.refundsCount > 0 ? ` · ${refundsLabel} ${money(h.refundsTotal)} (${h.refundsCount})` : '';
    bars.push({
      label: String(hour).padStart(2, '0'),
      value: h?.total ?? 0,
      text: h === undefined ? money(0) : `${money(h.total)} (${h.count})${refunds}`,
      ...(h !== undefined ? { top: money(h.total) } : {}),
      ...(h !== undefined && h.refundsTotal > 0 ? { sub: h.refundsTotal } : {}),
    });
  }
  return bars;
}

export function ReportBody({ r, t }: { readonly r: SessionReport; readonly t: T }) {
  const s = r.session;
  const m = (v: number) => formatMoney(v, s.currency, t.locale);
  const at = useStoreTime(t.locale);
  const dt = (iso: string | null) => (iso === null ? t.common.none : at(iso, 'dateTime'));
  const time = (iso: string) => at(iso);
  const methods = PAYMENT_METHODS.filter((k) => r.totals[k] !== 0);
  // A refused close and the close that sealed the session are both CLOSING counts: the ledger tells them apart.
  const refused = new Set(r.refusedCloses);
  const countLabel = (c: SessionReport['counts'][number]) =>
    refused.has(c.id) ? t.report.closeRefused : c.type === 'CLOSING' && s.approvedBy !== null ? t.report.closeApproved : (t.report.countTypes[c.type] ?? c.type);
  const hours = hourBars(r.salesByHour, m, t.report.refunds);
  const agents = r.agents;
  const deposits = r.movements.filter((mv) => mv.direction === 'IN');
  const withdrawals = r.movements.filter((mv) => mv.direction === 'OUT');
  // An agents-only register reports its agent operations first.
  const agentsFirst = s.specialty === 'AGENTS_ONLY';
  const agentSection = (
    <section data-testid="report-agents" data-count={agents.count}>
      <Titled title={`${t.report.agents} (${agents.count})`} empty={agents.count === 0} t={t}>
        <dl className="recon agent-recon">
          {AGENT_KINDS.map((k) => (
            <div key={k}>
              <dt>{t.agents.kinds[k]}</dt>
              <dd className="amount" data-testid={`report-agent-${k}`} data-minor={agents.byKind[k]}>
                {(k === 'CASH_OUT' ? '−' : '+') + m(agents.byKind[k])}
              </dd>
            </div>
          ))}
          <div>
            <dt>{t.agents.netCash}</dt>
            <dd className="amount" data-testid="report-agent-net" data-minor={agents.netCash}>
              {m(agents.netCash)}
            </dd>
          </div>
          <div>
            <dt>{t.agents.commission}</dt>
            <dd className="amount" data-testid="report-agent-commission" data-minor={agents.commission}>
              {m(agents.commission)}
            </dd>
          </div>
        </dl>
        <ReportTable testid="report-agent-providers" columns={[t.agents.provider, t.agents.operation, num(t.report.opsCount), num(t.common.amount), num(t.agents.commission)]}>
          {agents.byProvider.map((p) => (
            <tr key={`${p.provider}-${p.kind}`} data-testid={`report-agent-${p.provider}-${p.kind}`} data-minor={p.amount}>
              <td className="mono">{p.provider}</td>
              <td>{t.agents.kinds[p.kind]}</td>
              <td className="num">{p.count}</td>
              <td className="num amount">{m(p.amount)}</td>
              <td className="num amount">{m(p.commission)}</td>
            </tr>
          ))}
        </ReportTable>
      </Titled>
    </section>
  );
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
        <Kpi label={t.report.opening} value={m(s.openingAmount)} testid="report-opening" minor={s.openingAmount} />
        <Kpi label={t.report.sales} value={m(r.sales.total)} testid="report-sales-total" minor={r.sales.total}>
          <div className="muted small" data-testid="report-sales-count" data-count={r.sales.count}>
            {t.home.salesCount(r.sales.count)}
          </div>
        </Kpi>
        <Kpi label={t.report.deposits} value={s.depositsTotal === null ? t.report.hiddenShort : m(s.depositsTotal)} testid="report-deposits" {...(s.depositsTotal === null ? {} : { minor: s.depositsTotal })} />
        <Kpi label={t.report.withdrawals} value={s.withdrawalsTotal === null ? t.report.hiddenShort : m(s.withdrawalsTotal)} testid="report-withdrawals" {...(s.withdrawalsTotal === null ? {} : { minor: s.withdrawalsTotal })} />
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
              <dd data-testid="report-approved">{r.approvals.find((a) => a.kind === 'CLOSE_DIFFERENCE')?.approverName ?? '✓'}</dd>
            </div>
          )}
        </dl>
      </section>

      {agentsFirst && agentSection}

      <div className="report-cols">
        <section>
          <h3 className="section-title">{t.report.salesBreakdown}</h3>
          <table className="table small" data-testid="report-sales">
            <tbody>
              <AmountRow label={t.report.gross} testid="report-gross" minor={r.sales.gross}>
                {m(r.sales.gross)}
              </AmountRow>
              <AmountRow label={`${t.report.voids} (${r.voids.count})`} testid="report-voids" count={r.voids.count} minor={r.voids.total}>
                {r.voids.total === 0 ? m(0) : `−${m(r.voids.total)}`}
              </AmountRow>
              <AmountRow label={`${t.report.refunds} (${r.refunds.count})`} testid="report-refunds" count={r.refunds.count} minor={r.refunds.total}>
                {r.refunds.total === 0 ? m(0) : `−${m(r.refunds.total)}`}
              </AmountRow>
              <AmountRow label={t.report.net} testid="report-net" minor={r.sales.total} total>
                {m(r.sales.total)}
              </AmountRow>
              <AmountRow label={`${t.report.discounts} (${r.discounts.count})`} testid="report-discounts" count={r.discounts.count} minor={r.discounts.total}>
                {m(r.discounts.total)}
              </AmountRow>
              <AmountRow label={`${t.report.cashOutRefusals} (${r.cashOutRefusals.count})`} testid="report-refusals" count={r.cashOutRefusals.count} minor={r.cashOutRefusals.total}>
                {m(r.cashOutRefusals.total)}
              </AmountRow>
            </tbody>
          </table>
          {r.cashOutRefusals.count > 0 && (
            <ReportTable testid="report-refusal-items" columns={[t.report.time, t.report.type, t.report.cashier, num(t.common.amount)]}>
              {r.cashOutRefusals.items.map((x, i) => (
                <tr key={i}>
                  <td>{time(x.at)}</td>
                  <td>{t.report.cashOutKinds[x.kind]}</td>
                  <td>{x.userName}</td>
                  <td className="num amount">{m(x.amount)}</td>
                </tr>
              ))}
            </ReportTable>
          )}
          <ByMethod totals={r.totals} m={m} t={t} testidPrefix="report-total-" />
          <h3 className="section-title">{t.report.drawer}</h3>
          <table className="table small" data-testid="report-drawer">
            <tbody>
              <tr data-testid="report-drawer-openings" data-count={r.drawer.openings}>
                <td>{t.report.drawerOpenings}</td>
                <td className="num">{r.drawer.openings}</td>
              </tr>
              <tr data-testid="report-drawer-nosale" data-count={r.drawer.noSale} className={r.drawer.noSale > 0 ? 'row-warn' : ''}>
                <td>{t.report.noSaleOpenings}</td>
                <td className="num">{r.drawer.noSale}</td>
              </tr>
              {r.drawer.cashRounding !== 0 && (
                <tr data-testid="report-rounding" data-minor={r.drawer.cashRounding}>
                  <td>{t.report.cashRounding}</td>
                  <td className="num amount">
                    {r.drawer.cashRounding > 0 ? '+' : ''}
                    {m(r.drawer.cashRounding)}
                  </td>
                </tr>
              )}
              {r.drawer.noSaleOpenings.map((o, i) => (
                <tr key={i} className="muted" data-testid={`report-nosale-${i}`}>
                  <td colSpan={2}>
                    {time(o.at)} · {o.userName} · {t.noSale.reasons[o.reason]}
                    {o.note ? ` (${o.note})` : ''}
                    {o.authorizedByName ? ` · ${t.report.authorizedBy} ${o.authorizedByName}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.tenders.length > 0 && (
            <>
              <h3 className="section-title">{t.report.tenders}</h3>
              <ReportTable testid="report-tenders" columns={['', num(t.report.expected), num(t.report.declared), num(t.report.difference)]}>
                {r.tenders.map((x2) => (
                  <tr key={x2.method} className={x2.exceedsTolerance ? 'row-bad' : ''} data-testid={`report-tender-${x2.method}`} data-expected={x2.expected ?? ''} data-declared={x2.declared ?? ''} data-difference={x2.difference ?? ''}>
                    <td>
                      {t.pay.methods[x2.method]}
                      {x2.exceedsTolerance && <span className="badge badge-bad">{t.report.exceeds}</span>}
                    </td>
                    <td className="num amount">{x2.expected === null ? t.report.hiddenShort : m(x2.expected)}</td>
                    <td className="num amount">{x2.declared === null ? t.common.none : m(x2.declared)}</td>
                    <td className="num amount">{x2.difference === null ? t.common.none : m(x2.difference)}</td>
                  </tr>
                ))}
              </ReportTable>
            </>
          )}
          <Titled title={t.report.taxes} empty={r.taxes.length === 0} t={t}>
            <ReportTable testid="report-taxes" columns={[t.report.rate, num(t.report.taxable), num(t.report.tax)]}>
              {r.taxes.map((x2) => (
                <tr key={x2.taxRateBp} data-testid={`report-tax-${x2.taxRateBp}`} data-taxable={x2.taxable} data-minor={x2.tax}>
                  <td>{x2.taxRateBp === 0 ? t.report.exempt : ratePercent(x2.taxRateBp, t.locale)}</td>
                  <td className="num amount">{m(x2.taxable)}</td>
                  <td className="num amount">{m(x2.tax)}</td>
                </tr>
              ))}
            </ReportTable>
          </Titled>
        </section>
        <ReportCharts tenders={tenderBars(methods, r.totals, m, t)} hours={hours} testidPrefix="chart" t={t}>
          {r.salesByHour.some((h) => h.refundsTotal > 0) && (
            <p className="chart-legend muted small">
              <span className="swatch swatch-sales" /> {t.report.sales} <span className="swatch swatch-refunds" /> {t.report.refunds}
            </p>
          )}
        </ReportCharts>
      </div>

      {!agentsFirst && agentSection}

      <section>
        <Titled title={`${t.report.movements} (${deposits.length + withdrawals.length})`} empty={r.movements.length === 0} t={t}>
          <ReportTable testid="report-movements" columns={[t.report.time, t.report.type, t.move.reason, t.move.description, num(t.common.amount)]}>
            {r.movements.map((mv) => (
              <tr key={mv.id}>
                <td>{time(mv.createdAt)}</td>
                <td>{t.move.types[mv.type] ?? mv.type}</td>
                <td>{t.move.reasons[mv.reason]}</td>
                <td>{mv.description ?? ''}</td>
                <td className="num amount">{(mv.direction === 'OUT' ? '−' : '+') + m(mv.amount)}</td>
              </tr>
            ))}
          </ReportTable>
        </Titled>
      </section>

      <section>
        <Titled title={`${t.report.approvals} (${r.approvals.length})`} empty={r.approvals.length === 0} t={t}>
          <ReportTable testid="report-approvals" columns={[t.report.time, t.report.type, t.report.reference, t.report.approver, num(t.common.amount)]}>
            {r.approvals.map((a) => (
              <tr key={`${a.kind}-${a.at}-${a.reference ?? ''}`} data-testid={`report-approval-${a.kind}`} data-approver={a.approverName}>
                <td>{time(a.at)}</td>
                <td>{t.report.approvalKinds[a.kind]}</td>
                <td>{a.reference ?? ''}</td>
                <td>{a.approverName}</td>
                <td className="num amount">{a.amount === null ? '' : m(a.amount)}</td>
              </tr>
            ))}
          </ReportTable>
        </Titled>
      </section>

      <section>
        <Titled title={`${t.report.counts} (${r.counts.length})`} empty={r.counts.length === 0} t={t}>
          <ReportTable testid="report-counts" columns={[t.report.time, t.report.type, num(t.report.counted), num(t.report.expected), num(t.report.difference)]}>
            {r.counts.map((c) => (
              <tr key={c.id} data-testid={`report-count-${c.id}`} data-type={c.type} data-refused={refused.has(c.id) ? 'true' : undefined}>
                <td>{time(c.countedAt)}</td>
                <td>{countLabel(c)}</td>
                <td className="num amount">{m(c.totalCash)}</td>
                <td className="num amount">{c.expectedAmount === null ? t.common.none : m(c.expectedAmount)}</td>
                <td className="num amount">{c.difference === null ? t.common.none : m(c.difference)}</td>
              </tr>
            ))}
          </ReportTable>
        </Titled>
      </section>
    </article>
  );
}
