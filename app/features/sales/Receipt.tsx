// The 80 mm receipt of a sale (printed through the print host).
import type { ReactNode } from 'react';
import type { CommandOutput } from '../../../src/contract';
import type { CurrencyCode } from '../../../src/money/currencies';
import type { T } from '../../i18n';
import { formatMoney } from '../../money';
import { formatQuantity } from '../../quantity';
import { formatInstant, useStoreZone } from '../../time';

export type Sale = CommandOutput<'sales.create'>['sale'];

export interface ReceiptInfo {
  readonly registerCode: string;
  readonly registerName: string;
  readonly userName: string;
  readonly currency: CurrencyCode;
}

/** A slip's header: the store, the register, what the slip is (children), when, and the cashier. */
export function SlipHead({ info, createdAt, t, children }: { readonly info: Pick<ReceiptInfo, 'registerCode' | 'registerName' | 'userName'>; readonly createdAt: string; readonly t: T; readonly children: ReactNode }) {
  const when = formatInstant(createdAt, t.locale, useStoreZone(), 'dateTime');
  return (
    <header className="receipt-head">
      <div className="receipt-brand">{t.app.name}</div>
      <div>
        {info.registerCode} · {info.registerName}
      </div>
      {children}
      <div>{when}</div>
      <div>
        {t.receipt.cashier}: {info.userName}
      </div>
    </header>
  );
}

export function Receipt({ sale, info, t }: { readonly sale: Sale; readonly info: ReceiptInfo; readonly t: T }) {
  const m = (v: number) => formatMoney(v, info.currency, t.locale);
  return (
    <article className="receipt" data-testid="receipt">
      <SlipHead info={info} createdAt={sale.createdAt} t={t}>
        <div>
          {t.receipt.sale} {sale.saleNumber}
        </div>
      </SlipHead>
      <table className="receipt-lines">
        <tbody>
          {sale.lines.map((l) => (
            <tr key={l.lineNo}>
              <td>
                <div>{l.name}</div>
                <div className="receipt-sub">
                  {formatQuantity(l.quantityMilli, l.unit, t.locale)}
                  {l.unit === 'KG' ? ' kg' : ''} × {m(l.unitPrice)}
                </div>
              </td>
              <td className="num">{m(l.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="receipt-total">
        <span>{t.common.total}</span>
        <span>{m(sale.total)}</span>
      </div>
      {sale.cashRounding !== 0 && (
        <div className="receipt-rounding" data-testid="receipt-rounding" data-minor={sale.cashRounding}>
          <span>{t.pay.rounding}</span>
          <span>
            {sale.cashRounding > 0 ? '+' : ''}
            {m(sale.cashRounding)}
          </span>
          <span>{t.pay.toPayCash}</span>
          <span>{m(sale.total + sale.cashRounding)}</span>
        </div>
      )}
      <table className="receipt-pay">
        <tbody>
          {sale.payments.map((p) => (
            <tr key={p.id}>
              <td>
                {t.pay.methods[p.method]}
                {p.reference ? ` (${p.reference})` : ''}
              </td>
              <td className="num">{m(p.tendered)}</td>
            </tr>
          ))}
          <tr>
            <td>{t.pay.change}</td>
            <td className="num">{m(sale.change)}</td>
          </tr>
        </tbody>
      </table>
      <footer className="receipt-foot">
        <div>{t.receipt.thanks}</div>
        {/* The sale's id: typed or scanned in "Ventas" (F5) it finds this sale for a refund on any register. */}
        <div className="receipt-code" data-testid="receipt-code">
          {t.receipt.code}: {sale.id}
        </div>
      </footer>
    </article>
  );
}
