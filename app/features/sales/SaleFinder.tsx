// The sales dialog's first view: a search box (receipt code, last digits, sale number) over this session's sales,
// newest first, picked with ↑ ↓ and Enter or a click.
import { useRef, useState } from 'react';
import { type UiError, ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import { useStoreTime } from '../../time';
import type { SaleItem } from './findSale';
import { findListed, isSaleItem, readSaleQuery } from './findSale';
import type { Listed } from './useSalesList';

export interface SaleFinderProps {
  readonly sessionId: string;
  readonly listed: Listed | null;
  /** The row Enter opens on an empty box; kept by the dialog, so coming back from a sale keeps it. */
  readonly highlight: number;
  readonly onHighlight: (update: (h: number) => number) => void;
  readonly money: (minor: number) => string;
  readonly busy: boolean;
  readonly onBusy: (busy: boolean) => void;
  readonly error: UiError | null;
  readonly onError: (error: UiError | null) => void;
  /**
   * Opens a sale by id; `typed` is what the user typed (for "not found"), `item` the listing that named it. False when
   * there is no such sale (the box takes the focus back).
   */
  readonly onOpen: (saleId: string, typed?: string, item?: SaleItem) => Promise<boolean>;
  readonly onClose: () => void;
}


export function SaleFinder({ sessionId, listed, highlight, onHighlight, money: m, busy, onBusy, error, onError, onOpen, onClose }: SaleFinderProps) {
  const t = useT();
  const time = useStoreTime(t.locale);
  const mine = listed?.sales ?? [];
  const [query, setQuery] = useState('');
  const findRef = useRef<HTMLInputElement>(null);

  const notFound = (q: string) => {
    onError({ code: 'NOT_FOUND', message: t.salesDlg.notFound(q), local: true });
    findRef.current?.focus();
  };
  const open = async (saleId: string, typed?: string, item?: SaleItem) => {
    if (!(await onOpen(saleId, typed, item))) findRef.current?.focus();
  };

  const find = async () => {
    const q = query.trim();
    if (busy) return;
    if (q === '') {
      const picked = mine[highlight];
      if (picked !== undefined) void open(picked.id, undefined, picked);
      return;
    }
    const read = readSaleQuery(q);
    if (read.kind === 'id') return open(read.saleId, q);
    onBusy(true);
    onError(null);
    const hit = await findListed(read, sessionId);
    onBusy(false);
    if (hit === null) return notFound(q);
    if (!isSaleItem(hit)) return onError(hit);
    return open(hit.id, q, hit);
  };

  return (
    <form
      className="dialog-form"
      onSubmit={(e) => {
        e.preventDefault();
        void find();
      }}
    >
      <label className="field-label" htmlFor="sales-find">
        {t.salesDlg.findLabel}
      </label>
      <input
        ref={findRef}
        id="sales-find"
        className="text-input search-input"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder={t.salesDlg.findPlaceholder}
        data-testid="sales-find"
        onChange={(e) => {
          setQuery(e.target.value);
          onError(null);
        }}
        onKeyDown={(e) => {
          if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && mine.length > 0) {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            onHighlight((h) => (h + step + mine.length) % mine.length);
            setQuery('');
          }
        }}
      />
      <p className="muted small">{t.salesDlg.findHint}</p>
      <ErrorBox error={error} testid="sales-error" />
      <h3 className="section-title">{t.salesDlg.thisSession}</h3>
      {listed === null ? (
        <p className="muted small">{t.common.loading}</p>
      ) : mine.length === 0 ? (
        <p className="muted small" data-testid="sales-empty">
          {t.salesDlg.noSales}
        </p>
      ) : (
        <div className="sales-list">
          <table className="table small" data-testid="sales-list">
            <thead>
              <tr>
                <th>{t.salesDlg.number}</th>
                <th>{t.report.time}</th>
                <th>{t.common.status}</th>
                <th className="num">{t.common.total}</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((e, i) => (
                <tr
                  key={e.id}
                  className={i === highlight && query === '' ? 'selected clickable' : 'clickable'}
                  data-testid={`sales-row-${e.saleNumber}`}
                  onMouseDown={(ev) => ev.preventDefault()}
                  onClick={() => void open(e.id, undefined, e)}
                >
                  <td className="mono">{e.saleNumber}</td>
                  <td>{time(e.createdAt)}</td>
                  <td>
                    <span className={`badge badge-sale-${e.status.toLowerCase()}`}>{t.salesDlg.statuses[e.status]}</span>
                    {e.refundedTotal > 0 && <span className="muted small"> · {t.salesDlg.refunded} {m(e.refundedTotal)}</span>}
                  </td>
                  <td className="num amount">{m(e.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {listed !== null && listed.pagination.total > mine.length && <p className="muted small">{t.salesDlg.olderByNumber(mine.length, listed.pagination.total)}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="sales-close">
          {t.common.close} <Kbd k="Esc" />
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="sales-open">
          {t.salesDlg.open} <Kbd k="Enter" />
        </button>
      </div>
    </form>
  );
}
