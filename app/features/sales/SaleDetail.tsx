// A sale as the sales dialog shows it: status, date, where it was made (a sale of another session), total, its lines
// with what each gave back, payments and refunds, and a notice after a void. The actions below it are the dialog's.
import type { ReactNode } from 'react';
import type { CommandOutput } from '../../../src/contract';
import { useT } from '../../i18n';
import { formatQuantity } from '../../quantity';
import { useStoreTime } from '../../time';
import type { SaleItem } from './findSale';

type Found = CommandOutput<'sales.get'>;


export interface SaleDetailProps {
  readonly found: Found;
  /** The viewer's open session: a sale of another one is marked, with its register and cashier when a listing named them. */
  readonly sessionId: string;
  readonly origin: SaleItem | null;
  readonly notice: string | null;
  readonly money: (minor: number) => string;
  readonly children: ReactNode;
}

export function SaleDetail({ found, sessionId, origin, notice, money: m, children }: SaleDetailProps) {
  const t = useT();
  const at = useStoreTime(t.locale);
  const { sale, refunds } = found;
  return (
    <div className="dialog-form">
      <div className="sale-head">
        <span className={`badge badge-sale-${sale.status.toLowerCase()}`} data-testid="sale-status" data-status={sale.status}>
          {t.salesDlg.statuses[sale.status]}
        </span>
        <span className="muted">{at(sale.createdAt, 'dateTime')}</span>
        {sale.sessionId !== sessionId && <span className="badge">{t.salesDlg.otherSession}</span>}
        {sale.sessionId !== sessionId && origin?.id === sale.id && (
          <span className="muted small" data-testid="sale-origin">
            {origin.registerCode} · {origin.userName}
          </span>
        )}
        <span className="sale-head-total amount" data-testid="sale-total" data-minor={sale.total}>
          {m(sale.total)}
        </span>
      </div>
      <table className="table small" data-testid="sale-lines">
        <thead>
          <tr>
            <th>#</th>
            <th>{t.sell.product}</th>
            <th className="num">{t.salesDlg.sold}</th>
            <th className="num">{t.salesDlg.refundedQty}</th>
            <th className="num">{t.sell.price}</th>
            <th className="num">{t.sell.lineTotal}</th>
          </tr>
        </thead>
        <tbody>
          {sale.lines.map((l) => (
            <tr key={l.lineNo} data-testid={`sale-line-${l.lineNo}`} data-refunded={l.refundedMilli}>
              <td className="muted">{l.lineNo}</td>
              <td>
                {l.name} <span className="muted small">{l.sku}</span>
              </td>
              <td className="num">
                {formatQuantity(l.quantityMilli, l.unit, t.locale)}
                {l.unit === 'KG' ? ' kg' : ''}
              </td>
              <td className="num">{l.refundedMilli === 0 ? t.common.none : formatQuantity(l.refundedMilli, l.unit, t.locale)}</td>
              <td className="num amount">{m(l.unitPrice)}</td>
              <td className="num amount">{m(l.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sale-foot muted small">
        <span>
          {t.salesDlg.payments}: {sale.payments.map((p) => `${t.pay.methods[p.method]} ${m(p.amount)}`).join(' · ')}
        </span>
        {sale.refundedTotal > 0 && (
          <span data-testid="sale-refunded" data-minor={sale.refundedTotal}>
            {t.salesDlg.refunded}: {m(sale.refundedTotal)} ({refunds.map((r) => r.refundNumber).join(', ')})
          </span>
        )}
      </div>
      {notice !== null && (
        <div className="alert alert-ok" role="status" data-testid="sales-notice">
          {notice}
        </div>
      )}
      {children}
    </div>
  );
}
