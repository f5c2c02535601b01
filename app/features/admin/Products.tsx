// Products for managers: search and pages, create and edit (products.update: SKU, barcodes, name, price, unit, category,
// tax rate, active; stock only moves through adjustments, sales and refunds), and CSV import with progress (reading the
// file, checking its rows, importing) and the errors shown by line; after a refused import the good rows alone can be
// imported (goodRowsOnly).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import type { ImportErrorParams } from '../../../src/catalog/csv';
import { parseCsv } from '../../../src/catalog/csv';
import type { Unit } from '../../../src/sale/quantity';
import { UNITS, formatMilli } from '../../../src/sale/quantity';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { type Editing, useHqManaged, AdminPage, AdminRow, AdminTable, CheckField, Field, FormDialog, NewButton, RowActions, StatusCell, useFormSave } from './kit';
import { ErrorBox, Pager, Progress, num, useCursors } from '../../components/ui';
import type { T } from '../../i18n';
import { useT } from '../../i18n';
import { formatMoney, parseTypedAmount, ratePercent } from '../../money';
import { formatQuantity, parseTypedQuantity } from '../../quantity';

type Page = CommandOutput<'products.list'>;
type Product = Page['products'][number];
type ImportResult = CommandOutput<'products.import'>;
type LineError = ImportResult['errors'][number];

const CURRENCY = 'BOB' as const;

/** A tax rate typed as a percentage ("13", "10,5") in basis points, parsed as text; null when malformed. */
export function parseRate(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

const rateText = (bp: number, locale: string) => ratePercent(bp, locale).replace(/\s*%$/, '');
const priceText = (minor: number, locale: string) => formatMoney(minor, CURRENCY, locale).replace(/[^\d.,]/g, '');

function ProductForm({ product, onSaved, onCancel }: { readonly product: Product | null; readonly onSaved: (p: Product) => void; readonly onCancel: () => void }) {
  const t = useT();
  const [sku, setSku] = useState(product?.sku ?? '');
  const [barcodes, setBarcodes] = useState((product?.barcodes ?? []).join(' '));
  const [name, setName] = useState(product?.name ?? '');
  const [price, setPrice] = useState(product ? priceText(product.price, t.locale) : '');
  const [unit, setUnit] = useState<Unit>(product?.unit ?? 'UNIT');
  const [category, setCategory] = useState(product?.category ?? '');
  const [rate, setRate] = useState(rateText(product?.taxRateBp ?? 1300, t.locale));
  const [stock, setStock] = useState('');
  const [active, setActive] = useState(product?.active ?? true);
  const { error, setError, busy, invalid: bad, run } = useFormSave();

  const save = async () => {
    if (sku.trim() === '' || name.trim() === '') return bad(t.localErrors.REQUIRED);
    const p = parseTypedAmount(price, CURRENCY, t.locale);
    if (!p.ok) return bad(t.amountErrors[p.error]);
    const bp = parseRate(rate);
    if (bp === null) return bad(t.admin.rateInvalid);
    const codes = barcodes.split(/[\s|,;]+/).filter((c) => c !== '');
    if (codes.some((c) => !/^[0-9A-Za-z-]{4,32}$/.test(c))) return bad(t.admin.barcodesInvalid);
    let stockQty: number | string | undefined;
    if (product === null && stock.trim() !== '') {
      const q = parseTypedQuantity(stock, unit);
      if (!q.ok) return bad(q.error === 'WHOLE_UNITS' ? t.sell.qtyWhole : t.sell.qtyMalformed);
      stockQty = unit === 'UNIT' ? q.milli / 1000 : formatMilli(q.milli, 'KG');
    }
    setError(null);
    await run(
      (requestId) => {
        const common = { sku: sku.trim(), name: name.trim(), price: p.value, unit, taxRateBp: bp, barcodes: codes, requestId };
        return product === null
          ? invoke('products.create', { ...common, ...(category.trim() ? { category: category.trim() } : {}), ...(stockQty !== undefined ? { stock: stockQty } : {}) })
          : invoke('products.update', { ...common, id: product.id, category: category.trim() === '' ? null : category.trim(), active });
      },
      (data) => onSaved(data.product),
    );
  };

  return (
    <FormDialog title={product === null ? t.admin.newProduct : t.admin.editProduct(product.sku)} testid="product-form" prefix="prod" error={error} busy={busy} onCancel={onCancel} onSubmit={() => void save()} columns={3} wide>
      <Field label={t.admin.sku}>
        <input className="text-input" value={sku} autoFocus={product === null} maxLength={40} data-testid="prod-sku" onChange={(e) => setSku(e.target.value)} />
      </Field>
      <Field label={t.admin.barcodes} className="span-2">
        <input className="text-input mono" value={barcodes} maxLength={700} data-testid="prod-barcode" onChange={(e) => setBarcodes(e.target.value)} />
      </Field>
      <Field label={t.admin.name} className="span-3">
        <input className="text-input" value={name} autoFocus={product !== null} maxLength={120} data-testid="prod-name" onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t.admin.price}>
        <input className="text-input" inputMode="decimal" value={price} data-testid="prod-price" onChange={(e) => setPrice(e.target.value)} />
      </Field>
      <Field label={t.admin.unit}>
        <select className="text-input" value={unit} data-testid="prod-unit" onChange={(e) => setUnit(e.target.value as Unit)}>
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {t.admin.units[u]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.admin.taxRate}>
        <input className="text-input" inputMode="decimal" value={rate} data-testid="prod-tax" onChange={(e) => setRate(e.target.value)} />
      </Field>
      <Field label={t.admin.category}>
        <input className="text-input" value={category} maxLength={60} data-testid="prod-category" onChange={(e) => setCategory(e.target.value)} />
      </Field>
      {product === null ? (
        <Field
          label={
            <>
              {t.admin.stock} <span className="muted small">{t.common.optional}</span>
            </>
          }
        >
          <input className="text-input" inputMode="decimal" value={stock} data-testid="prod-stock" onChange={(e) => setStock(e.target.value)} />
        </Field>
      ) : (
        <div className="form-static">
          <span className="field-label">{t.admin.stock}</span>
          <span className="strong" data-testid="prod-stock-now">
            {formatQuantity(product.stockMilli, product.unit, t.locale)}
          </span>
          <span className="muted small">{t.admin.stockHint}</span>
        </div>
      )}
      {product !== null ? <CheckField label={t.common.active} checked={active} testid="prod-active" onChange={setActive} /> : <div />}
    </FormDialog>
  );
}

/** IMPORT_INVALID's `details.errors`: rows with a line and a code (the reply is typed, its error details are not). */
function lineErrors(details: Record<string, unknown> | undefined): LineError[] {
  const raw = details?.errors;
  if (!Array.isArray(raw)) return [];
  return raw.filter((e): e is LineError => typeof e === 'object' && e !== null && typeof (e as LineError).line === 'number' && typeof (e as LineError).code === 'string');
}

/** An import error in the screen's language, by its code; the engine's English reason for a code this build lacks. */
function importMessage(t: T, e: LineError): string {
  const text: ((p: ImportErrorParams) => string) | undefined = Object.hasOwn(t.admin.importErrors, e.code) ? t.admin.importErrors[e.code] : undefined;
  return text === undefined ? e.reason : text(e.params ?? {});
}

/** Reads a file as text with progress (0..1) as it goes. */
function readFile(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

type Phase = { readonly step: 'read'; readonly fraction: number } | { readonly step: 'check' } | { readonly step: 'import'; readonly rows: number; readonly goodOnly: boolean; readonly done?: number; readonly total?: number };

interface Refused {
  readonly file: string;
  readonly csv: string;
  readonly rows: number;
  readonly errors: readonly LineError[];
}

export function AdminProducts() {
  const t = useT();
  const managed = useHqManaged();
  const [query, setQuery] = useState('');
  const [data, setData] = useState<Page | null>(null);
  const [page, setPage] = useState(1);
  const cursors = useCursors();
  const [editing, setEditing] = useState<Editing<Product>>(null);
  const [error, setError] = useState<ReplyError | null>(null);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(
    async (p: number) => {
      const cursor = cursors.cursorOf(p);
      const r = await invoke('products.list', { pageSize: 12, ...(cursor ? { cursor } : {}), ...(query.trim() ? { query: query.trim() } : {}) });
      if (r.ok) {
        cursors.seen(p, r.data.pagination);
        setData(r.data);
        setPage(p);
      } else setError(r.error);
    },
    [query, cursors],
  );
  useEffect(() => {
    const timer = window.setTimeout(() => void load(1), 150);
    return () => window.clearTimeout(timer);
  }, [load]);

  const send = async (file: string, csv: string, rows: number, goodRowsOnly: boolean) => {
    setPhase({ step: 'import', rows, goodOnly: goodRowsOnly });
    // The register writes the rows in short steps while the counter keeps selling: show how far it got.
    let importing = true;
    const poll = async () => {
      while (importing) {
        await new Promise((r) => window.setTimeout(r, 400));
        const s = await invoke('products.importStatus', {});
        const job = s.ok ? s.data.import : null;
        if (importing && job !== null && job.status === 'RUNNING') setPhase({ step: 'import', rows, goodOnly: goodRowsOnly, done: job.done, total: job.total });
      }
    };
    void poll();
    const r = await invoke('products.import', { csv, ...(goodRowsOnly ? { goodRowsOnly: true } : {}), requestId: newRequestId() });
    importing = false;
    setPhase(null);
    if (r.ok) {
      setImported(r.data);
      setRefused(null);
      if (r.data.errors.length > 0) setRefused({ file, csv: '', rows, errors: r.data.errors });
      void load(1);
    } else if (r.error.code === 'IMPORT_INVALID') {
      setRefused({ file, csv, rows, errors: lineErrors(r.error.details) });
    } else setError(r.error);
  };

  const importFile = async (file: File) => {
    setImported(null);
    setRefused(null);
    setError(null);
    setSaved(null);
    setPhase({ step: 'read', fraction: 0 });
    let csv: string;
    try {
      csv = await readFile(file, (fraction) => setPhase({ step: 'read', fraction }));
    } catch {
      setPhase(null);
      setError({ code: 'VALIDATION_FAILED', message: t.admin.importUnreadable });
      return;
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
    setPhase({ step: 'check' });
    // Let the label paint before the (synchronous) count of a large file.
    await new Promise((r) => window.setTimeout(r, 0));
    const rows = Math.max(0, parseCsv(csv).records.length - 1);
    await send(file.name, csv, rows, false);
  };

  const progress =
    phase === null
      ? null
      : phase.step === 'read'
        ? { label: t.admin.importReading(Math.round(phase.fraction * 100)), value: phase.fraction, step: 1 }
        : phase.step === 'check'
          ? { label: t.admin.importChecking, value: undefined, step: 2 }
          : phase.done !== undefined && phase.total !== undefined && phase.total > 0
            ? { label: t.admin.importProgress(phase.done, phase.total), value: phase.done / phase.total, step: 3 }
            : { label: phase.goodOnly ? t.admin.importGoodRows(phase.rows) : t.admin.importSending(phase.rows), value: undefined, step: 3 };

  return (
    <AdminPage
      screen="admin-products"
      title={t.admin.productsTitle}
      actions={
        <div className="page-actions">
          <input className="text-input" type="search" value={query} placeholder={t.common.search} aria-label={t.common.search} data-testid="prod-search" onChange={(e) => setQuery(e.target.value)} />
          {!managed && (
            <label className={phase !== null ? 'btn btn-ghost file-btn disabled' : 'btn btn-ghost file-btn'} title={t.admin.importHint}>
              {t.admin.importCsv}
              <input ref={fileRef} type="file" accept=".csv,text/csv" disabled={phase !== null} data-testid="prod-import" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
            </label>
          )}
          <NewButton label={t.admin.newProduct} testid="prod-new" onClick={() => setEditing('new')} />
        </div>
      }
      form={
        editing !== null && (
          <ProductForm
            product={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={(p) => {
              setEditing(null);
              setSaved(t.admin.productSaved(p.sku));
              void load(page);
            }}
          />
        )
      }
    >
      {progress !== null && (
        <div className="card import-progress" data-testid="import-progress" data-step={progress.step}>
          <div className="import-steps muted small">{t.admin.importStep(progress.step, 3)}</div>
          <Progress label={progress.label} value={progress.value} />
        </div>
      )}
      {imported !== null && (
        <div className="alert alert-ok" data-testid="import-result" data-created={imported.created} data-updated={imported.updated} data-skipped={imported.skipped}>
          {t.admin.importDoneDetail(imported.created, imported.updated, imported.skipped)}
        </div>
      )}
      {saved !== null && (
        <div className="alert alert-ok" role="status" data-testid="prod-saved">
          {saved}
        </div>
      )}
      <ErrorBox error={error} testid="admin-error" />
      {refused !== null && refused.errors.length > 0 && (
        <section className="card import-errors" data-testid="import-errors" data-count={refused.errors.length}>
          <div className="import-errors-head">
            <strong>{imported === null ? t.admin.importRefused(refused.file, refused.errors.length) : t.admin.importSkipped(refused.errors.length)}</strong>
            {imported === null && refused.csv !== '' && (
              <button type="button" className="btn btn-primary btn-small" data-testid="import-good-only" disabled={phase !== null} onClick={() => void send(refused.file, refused.csv, refused.rows, true)}>
                {t.admin.importGoodOnly(Math.max(0, refused.rows - new Set(refused.errors.map((e) => e.line)).size))}
              </button>
            )}
          </div>
          <ul>
            {refused.errors.map((e, i) => (
              <li key={i} data-testid={`import-error-${e.line}`} data-line={e.line}>
                <strong>{t.admin.importLine(e.line)}</strong> {e.field ? <span className="mono field-tag">{t.admin.csvFields[e.field] ?? e.field}</span> : null} <span data-code={e.code}>{importMessage(t, e)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data === null && error === null && <Progress label={t.common.loading} />}
      {data !== null && (
        <AdminTable
          testid="products-table"
          columns={[t.admin.sku, t.admin.barcode, t.admin.name, t.admin.category, num(t.admin.price), num(t.admin.taxRate), num(t.admin.stock), t.common.status]}
          footer={<Pager page={page} pagination={data.pagination} onPage={(p) => void load(p)} />}
        >
          {data.products.map((p) => (
            <AdminRow key={p.id} active={p.active} testid={`prod-row-${p.sku}`}>
              <td className="mono">{p.sku}</td>
              <td className="mono small">
                {p.barcode ?? ''}
                {p.barcodes.length > 1 ? <span className="muted"> +{p.barcodes.length - 1}</span> : null}
              </td>
              <td>{p.name}</td>
              <td className="muted">{p.category ?? ''}</td>
              <td className="num amount">
                {formatMoney(p.price, CURRENCY, t.locale)}
                {p.unit === 'KG' ? <span className="muted small"> /kg</span> : null}
              </td>
              <td className="num">{ratePercent(p.taxRateBp, t.locale)}</td>
              <td className={p.stockMilli < 0 ? 'num neg-text' : 'num'}>{formatQuantity(p.stockMilli, p.unit, t.locale)}</td>
              <StatusCell active={p.active} />
              <RowActions testid={`prod-edit-${p.sku}`} onEdit={() => setEditing(p)} />
            </AdminRow>
          ))}
        </AdminTable>
      )}
    </AdminPage>
  );
}
