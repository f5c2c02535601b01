// Pieces the session report (X/Z) and the daily report share: key figures, amount rows, totals by method, the charts,
// and titled tables that say "no data" when empty.
import type { ReactNode } from 'react';
import type { PaymentMethod } from '../../src/sale/methods';
import { PAYMENT_METHODS } from '../../src/sale/methods';
import type { T } from '../i18n';
import type { Bar } from './Charts';
import { ColumnChart, HBarChart } from './Charts';
import { type Column, HeadCells } from './ui';

type Money = (minor: number) => string;

/** A key figure: its label, the value (`valueClass` styles it), then anything under it. */
export function Kpi({
  label,
  value,
  valueClass = 'kpi-value amount',
  testid,
  minor,
  children,
}: {
  readonly label: ReactNode;
  readonly value: ReactNode;
  readonly valueClass?: string;
  readonly testid?: string;
  readonly minor?: number;
  readonly children?: ReactNode;
}) {
  return (
    <div className="kpi">
      <div className="kpi-label">{label}</div>
      <div className={valueClass} data-testid={testid} data-minor={minor}>
        {value}
      </div>
      {children}
    </div>
  );
}

/** A row of a breakdown: the label, then the amount (`total`: the closing row). */
export function AmountRow({
  label,
  testid,
  count,
  minor,
  total = false,
  children,
}: {
  readonly label: ReactNode;
  readonly testid?: string;
  readonly count?: number;
  readonly minor?: number;
  readonly total?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <tr className={total ? 'row-total' : undefined}>
      <td>{label}</td>
      <td className="num amount" data-testid={testid} data-count={count} data-minor={minor}>
        {children}
      </td>
    </tr>
  );
}

/** Totals by payment method (cash always, the others when not zero); with `testidPrefix` each amount is marked. */
export function ByMethod({ totals, m, t, testidPrefix }: { readonly totals: Readonly<Record<PaymentMethod, number>>; readonly m: Money; readonly t: T; readonly testidPrefix?: string }) {
  return (
    <>
      <h3 className="section-title">{t.report.byMethod}</h3>
      <table className="table">
        <tbody>
          {PAYMENT_METHODS.filter((k) => totals[k] !== 0 || k === 'CASH').map((k) =>
            testidPrefix === undefined ? (
              <AmountRow key={k} label={t.pay.methods[k]}>
                {m(totals[k])}
              </AmountRow>
            ) : (
              <AmountRow key={k} label={t.pay.methods[k]} testid={`${testidPrefix}${k}`} minor={totals[k]}>
                {m(totals[k])}
              </AmountRow>
            ),
          )}
        </tbody>
      </table>
    </>
  );
}

/** The tender mix for these methods. */
export function tenderBars(methods: readonly PaymentMethod[], totals: Readonly<Record<PaymentMethod, number>>, m: Money, t: T): Bar[] {
  return methods.map((k) => ({ label: t.pay.methods[k], value: Math.max(0, totals[k]), text: m(totals[k]) }));
}

/** The charts column: tender mix and sales by hour (`testidPrefix`-tenders, -hours), then anything more. */
export function ReportCharts({ tenders, hours, testidPrefix, t, children }: { readonly tenders: Bar[]; readonly hours: Bar[]; readonly testidPrefix: string; readonly t: T; readonly children?: ReactNode }) {
  return (
    <section className="report-charts">
      <h3 className="section-title">{t.report.tenderMix}</h3>
      <HBarChart bars={tenders} testid={`${testidPrefix}-tenders`} empty={t.report.noData} />
      <h3 className="section-title">{t.report.byHour}</h3>
      <ColumnChart bars={hours} testid={`${testidPrefix}-hours`} empty={t.report.noData} />
      {children}
    </section>
  );
}

/** A section's title, then its content, or "no data" when it is empty. */
export function Titled({ title, empty, t, children }: { readonly title: ReactNode; readonly empty: boolean; readonly t: T; readonly children: ReactNode }) {
  return (
    <>
      <h3 className="section-title">{title}</h3>
      {empty ? <p className="muted small">{t.report.noData}</p> : children}
    </>
  );
}

/** A small table with its headings. */
export function ReportTable({ testid, columns, children }: { readonly testid: string; readonly columns: readonly Column[]; readonly children: ReactNode }) {
  return (
    <table className="table small" data-testid={testid}>
      <thead>
        <tr>
          <HeadCells columns={columns} />
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
