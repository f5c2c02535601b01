// The 80 mm slip of a refund (printed through the print host): what went back, from which sale, how it was paid back,
// who authorized it, and a line for the customer's signature.
import type { CommandOutput } from '../../../src/contract';
import type { T } from '../../i18n';
import { formatMoney } from '../../money';
import { formatQuantity } from '../../quantity';
import type { ReceiptInfo } from './Receipt';
import { SlipHead } from './Receipt';

type Refund = CommandOutput<'sales.refund'>['refund'];
type Sale = CommandOutput<'sales.get'>['sale'];

export function RefundSlip({ refund, sale, info, authorizedBy, t }: { readonly refund: Refund; readonly sale: Sale; readonly info: ReceiptInfo; readonly authorizedBy: string | null; readonly t: T }) {
  const m = (v: number) => formatMoney(v, info.currency, t.locale);
  const byLine = new Map(sale.lines.map((l) => [l.lineNo, l]));
  return (
    <article className="receipt" data-testid="refund-slip">
      <SlipHead info={info} createdAt={refund.createdAt} t={t}>
        <div className="receipt-title">{t.salesDlg.slipTitle}</div>
        <div>{refund.refundNumber}</div>
        <div>{t.salesDlg.ofSale(refund.saleNumber)}</div>
      </SlipHead>
      <table className="receipt-lines">
        <tbody>
          {refund.lines.map((l) => {
            const line = byLine.get(l.lineNo);
            return (
              <tr key={l.lineNo}>
                <td>
                  <div>{line?.name ?? `#${l.lineNo}`}</div>
                  <div className="receipt-sub">
                    {formatQuantity(l.quantityMilli, line?.unit ?? 'UNIT', t.locale)}
                    {line?.unit === 'KG' ? ' kg' : ''} × {line ? m(line.unitPrice) : ''}
                  </div>
                </td>
                <td className="num">−{m(l.total)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="receipt-total">
        <span>{t.salesDlg.refundTotal}</span>
        <span data-testid="slip-total">{m(refund.total)}</span>
      </div>
      <table className="receipt-pay">
        <tbody>
          <tr>
            <td>{t.salesDlg.method}</td>
            <td className="num">{t.pay.methods[refund.method]}</td>
          </tr>
          <tr>
            <td>{t.salesDlg.taxIncluded}</td>
            <td className="num">{m(refund.tax)}</td>
          </tr>
          <tr>
            <td colSpan={2}>
              {t.salesDlg.reason}: {refund.reason}
              {refund.damaged ? ` · ${t.salesDlg.notRestocked}` : ''}
            </td>
          </tr>
          {authorizedBy !== null && (
            <tr>
              <td colSpan={2}>{t.pin.authorizedBy(authorizedBy)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="receipt-sign">{t.salesDlg.signature}</div>
    </article>
  );
}
