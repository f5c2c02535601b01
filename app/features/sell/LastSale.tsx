// The sell screen's last-sale card (number, total, change, reprint), kept in sessionStorage so a reload of this tab
// still shows it and reprints it. Only a sale of the session on screen is shown: after a handover the incoming cashier
// does not see (or reprint) the previous cashier's last sale.
import { useState } from 'react';
import type { CurrencyCode } from '../../../src/money/currencies';
import { useT } from '../../i18n';
import { formatMoney } from '../../money';
import type { Sale } from '../sales/Receipt';

const LAST_SALE_KEY = 'arqueo.lastSale';

function readLastSale(): Sale | null {
  try {
    const raw = sessionStorage.getItem(LAST_SALE_KEY);
    return raw === null ? null : (JSON.parse(raw) as Sale);
  } catch {
    return null;
  }
}

/** The last sale of this tab in session `sessionId` (null when the stored one is another session's) and a setter. */
export function useLastSale(sessionId: string): [Sale | null, (sale: Sale) => void] {
  const [stored, setLastSale] = useState<Sale | null>(readLastSale);
  const lastSale = stored !== null && stored.sessionId === sessionId ? stored : null;
  const keep = (sale: Sale) => {
    setLastSale(sale);
    try {
      sessionStorage.setItem(LAST_SALE_KEY, JSON.stringify(sale));
    } catch {
      // reprint only from memory
    }
  };
  return [lastSale, keep];
}

export function LastSaleCard({ sale, currency, onReprint }: { readonly sale: Sale; readonly currency: CurrencyCode; readonly onReprint: () => void }) {
  const t = useT();
  const m = (v: number) => formatMoney(v, currency, t.locale);
  return (
    <div className="card last-sale" data-testid="last-sale">
      <div className="muted small">{t.sell.lastSale}</div>
      <div className="last-sale-row">
        <span className="mono">
          {sale.saleNumber}
          {sale.status === 'VOIDED' && (
            <span className="badge badge-sale-voided" data-testid="last-sale-voided">
              {t.salesDlg.statuses.VOIDED}
            </span>
          )}
        </span>
        <span className="amount strong">{m(sale.total)}</span>
      </div>
      <div className="last-sale-row">
        <span className="muted">
          {t.sell.change} {m(sale.change)}
        </span>
        <button type="button" className="btn btn-ghost btn-small" data-testid="reprint" onMouseDown={(e) => e.preventDefault()} onClick={onReprint}>
          {t.sell.reprint}
        </button>
      </div>
    </div>
  );
}
