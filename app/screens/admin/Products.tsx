// Products for managers: search and pages, create, and CSV import with errors shown by line.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { Shell } from '../../components/Shell';
import { type UiError, Dialog, ErrorBox, Kbd, Pager, Progress } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney, parseTypedAmount } from '../../money';

type Page = CommandOutput<'products.list'>;
type ImportResult = CommandOutput<'products.import'>;
interface LineError {
  readonly line: number;
  readonly field: string | null;
  readonly reason: string;
}

const CURRENCY = 'BOB' as const;

function ProductForm({ onSaved, onCancel }: { readonly onSaved: () => void; readonly onCancel: () => void }) {
  const t = useT();
  const [sku, setSku] = useState('');
  const [barcode, setBarcode] = useState('');
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [stock, setStock] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const save = async () => {
    const p = parseTypedAmount(price, CURRENCY, t.locale);
    if (!p.ok) return setError({ code: 'VALIDATION_FAILED', message: t.amountErrors[p.error], local: true });
    const st = stock.trim() === '' ? undefined : Number(stock);
    if (st !== undefined && !Number.isSafeInteger(st)) return setError({ code: 'VALIDATION_FAILED', message: t.errors.VALIDATION_FAILED, local: true });
    setBusy(true);
    const reply = await invoke('products.create', {
      sku: sku.trim(),
      name: name.trim(),
      price: p.value,
      ...(barcode.trim() ? { barcode: barcode.trim() } : {}),
      ...(st !== undefined ? { stock: st } : {}),
      requestId: requestId.current,
    });
    setBusy(false);
    if (reply.ok) onSaved();
    else {
      setError(reply.error);
      requestId.current = newRequestId();
    }
  };

  return (
    <Dialog title={t.admin.newProduct} testid="product-form" onClose={busy ? null : onCancel}>
      <form
        className="dialog-form form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          <span className="field-label">{t.admin.sku}</span>
          <input className="text-input" value={sku} autoFocus maxLength={40} data-testid="prod-sku" onChange={(e) => setSku(e.target.value)} />
        </label>
        <label>
          <span className="field-label">{t.admin.barcode}</span>
          <input className="text-input" value={barcode} maxLength={32} data-testid="prod-barcode" onChange={(e) => setBarcode(e.target.value)} />
        </label>
        <label className="span-2">
          <span className="field-label">{t.admin.name}</span>
          <input className="text-input" value={name} maxLength={120} data-testid="prod-name" onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span className="field-label">{t.admin.price}</span>
          <input className="text-input" inputMode="decimal" value={price} data-testid="prod-price" onChange={(e) => setPrice(e.target.value)} />
        </label>
        <label>
          <span className="field-label">{t.admin.stock}</span>
          <input className="text-input" inputMode="numeric" value={stock} data-testid="prod-stock" onChange={(e) => setStock(e.target.value)} />
        </label>
        <div className="span-2">
          <ErrorBox error={error} testid="prod-error" />
        </div>
        <div className="dialog-actions span-2">
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t.common.cancel} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="prod-save">
            {t.common.save} <Kbd k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function lineErrors(details: Record<string, unknown> | undefined): LineError[] {
  const raw = details?.errors;
  if (!Array.isArray(raw)) return [];
  return raw.filter((e): e is LineError => typeof e === 'object' && e !== null && typeof (e as LineError).line === 'number');
}

export function AdminProducts() {
  const t = useT();
  const [query, setQuery] = useState('');
  const [data, setData] = useState<Page | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [importErrors, setImportErrors] = useState<readonly LineError[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(
    async (p: number) => {
      const r = await invoke('products.list', { page: p, pageSize: 15, ...(query.trim() ? { query: query.trim() } : {}) });
      if (r.ok) {
        setData(r.data);
        setPage(p);
      } else setError(r.error);
    },
    [query],
  );
  useEffect(() => {
    const timer = window.setTimeout(() => void load(1), 150);
    return () => window.clearTimeout(timer);
  }, [load]);

  const importFile = async (file: File) => {
    setImporting(true);
    setImported(null);
    setImportErrors([]);
    setError(null);
    const csv = await file.text();
    const r = await invoke('products.import', { csv, requestId: newRequestId() });
    setImporting(false);
    if (fileRef.current) fileRef.current.value = '';
    if (r.ok) {
      setImported(r.data);
      setImportErrors(r.data.errors);
      void load(1);
    } else {
      setError(r.error);
      setImportErrors(lineErrors(r.error.details));
    }
  };

  return (
    <Shell screen="admin-products">
      <main className="page">
        <div className="page-head">
          <h1 className="title">{t.admin.productsTitle}</h1>
          <div className="page-actions">
            <input className="text-input" type="search" value={query} placeholder={t.common.search} aria-label={t.common.search} data-testid="prod-search" onChange={(e) => setQuery(e.target.value)} />
            <label className="btn btn-ghost file-btn" title={t.admin.importHint}>
              {t.admin.importCsv}
              <input ref={fileRef} type="file" accept=".csv,text/csv" data-testid="prod-import" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
            </label>
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="prod-new">
              + {t.admin.newProduct}
            </button>
          </div>
        </div>
        {importing && <Progress label={t.common.working} />}
        {imported !== null && (
          <div className="alert alert-ok" data-testid="import-result">
            {t.admin.importDone(imported.created + imported.updated)} · {imported.skipped}
          </div>
        )}
        <ErrorBox error={error} testid="admin-error" />
        {importErrors.length > 0 && (
          <ul className="card import-errors" data-testid="import-errors">
            {importErrors.map((e, i) => (
              <li key={i}>
                <strong>{t.admin.importLine(e.line)}</strong> {e.field ? <span className="mono">{e.field}</span> : null} {e.reason}
              </li>
            ))}
          </ul>
        )}
        {data === null && error === null && <Progress label={t.common.loading} />}
        {data !== null && (
          <div className="card">
            <table className="table" data-testid="products-table">
              <thead>
                <tr>
                  <th>{t.admin.sku}</th>
                  <th>{t.admin.barcode}</th>
                  <th>{t.admin.name}</th>
                  <th className="num">{t.admin.price}</th>
                  <th className="num">{t.admin.stock}</th>
                  <th>{t.common.status}</th>
                </tr>
              </thead>
              <tbody>
                {data.products.map((p) => (
                  <tr key={p.id} className={p.active ? '' : 'inactive'} data-testid={`prod-row-${p.sku}`}>
                    <td className="mono">{p.sku}</td>
                    <td className="mono">{p.barcode ?? ''}</td>
                    <td>{p.name}</td>
                    <td className="num amount">{formatMoney(p.price, CURRENCY, t.locale)}</td>
                    <td className="num">{String(p.stock)}</td>
                    <td>{p.active ? t.common.active : t.common.inactive}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} totalPages={data.pagination.totalPages} onPage={(p) => void load(p)} />
          </div>
        )}
      </main>
      {creating && (
        <ProductForm
          onCancel={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void load(1);
          }}
        />
      )}
    </Shell>
  );
}
