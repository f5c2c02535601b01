// Catalog: the chain's products with their barcodes, prices, categories and tax rates (the categories and tax rates in
// use are listed with their counts and filter the table), a new product, editing one, a price change scheduled from an
// instant (kept at HQ, published to the registers when due), and CSV import: the file is checked whole here with the
// register's reader (errors by line, nothing sent), then uploaded in chunks with a progress bar. Money is typed as text
// and parsed into minor units by the core, never through a float; a tax rate "13,5" is 1350 basis points.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { ImportError } from '../../src/catalog/csv';
import type { CurrencyCode } from '../../src/money/currencies';
import { CURRENCY_CODES } from '../../src/money/currencies';
import { formatMinor, parseAmount } from '../../src/money/money';
import type { Person, PriceChangeRow, ProductRow } from './api';
import { BranchListSchema, ImportedSchema, PriceChangeListSchema, PriceChangeSavedSchema, ProductListSchema, ProductSavedSchema, TextBody, call } from './api';
import { checkAndChunk } from './csv-chunks';
import type { Feedback } from './feedback';
import { FeedbackView, ScreenHead, useFeedback } from './feedback';
import { fill } from './i18n';
import { useConsole } from './store';
import { useWords } from './words';

/** "13", "13,5" or "13.25" percent as basis points (1350, 1325), or null; never through a float. */
export function parseTaxBp(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}
const taxText = (bp: number): string => `${Math.floor(bp / 100)}${bp % 100 === 0 ? '' : ',' + String(bp % 100).padStart(2, '0').replace(/0$/, '')}`;
/** An amount as typed back into a field (no currency symbol). */
const amountText = (minor: number, currency: CurrencyCode): string => formatMinor(minor, currency).replace(/^\S+\s/, '');
const barcodesOf = (text: string): string[] => text.split(/[\s,;]+/).filter((b) => b !== '');

export function Catalog({ person }: { readonly person: Person }) {
  const t = useWords();
  const canWrite = person.role !== 'AUDITOR';
  const fb = useFeedback();
  const lang = useConsole((s) => s.lang);
  const [products, setProducts] = useState<ProductRow[] | null>(null);
  const [changes, setChanges] = useState<PriceChangeRow[]>([]);
  const [currency, setCurrency] = useState<CurrencyCode>('BOB');
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null | undefined>(undefined);
  const [taxBp, setTaxBp] = useState<number | undefined>(undefined);
  const load = useCallback(async () => {
    const [p, c, b] = await Promise.all([call('GET', '/v1/admin/products', ProductListSchema), call('GET', '/v1/admin/price-changes', PriceChangeListSchema), call('GET', '/v1/admin/branches', BranchListSchema)]);
    if (!p.ok) return fb.refused(p);
    if (!c.ok) return fb.refused(c);
    setProducts(p.data.products);
    setChanges(c.data.priceChanges);
    // Products are chain-wide; their prices are in the chain's currency, which its branches share.
    if (b.ok && b.data.branches[0]) setCurrency(b.data.branches[0].currency);
    // fb's setters are stable: load once.
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const facets = useMemo(() => {
    const categories = new Map<string | null, number>();
    const rates = new Map<number, number>();
    for (const p of products ?? []) {
      categories.set(p.category, (categories.get(p.category) ?? 0) + 1);
      rates.set(p.taxRateBp, (rates.get(p.taxRateBp) ?? 0) + 1);
    }
    return { categories: [...categories].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? '')), rates: [...rates].sort((a, b) => a[0] - b[0]) };
  }, [products]);
  const q = query.trim().toLowerCase();
  const shown = (products ?? []).filter(
    (p) =>
      (category === undefined || p.category === category) &&
      (taxBp === undefined || p.taxRateBp === taxBp) &&
      (q === '' || p.sku.toLowerCase().includes(q) || p.name.toLowerCase().includes(q) || p.barcodes.some((b) => b.includes(q))),
  );
  const cancel = async (c: PriceChangeRow) => {
    const r = await call('POST', `/v1/admin/price-changes/${encodeURIComponent(c.id)}/cancel`, PriceChangeSavedSchema);
    if (!r.ok) return fb.refused(r);
    fb.done('savedWhat', { what: c.sku });
    void load();
  };
  const when = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <>
      <ScreenHead title={t.catalogTitle} readOnly={!canWrite} />
      <FeedbackView fb={fb} />
      {canWrite && <NewProduct currency={currency} fb={fb} onDone={() => void load()} />}
      {canWrite && <CsvImport currency={currency} fb={fb} onDone={() => void load()} />}
      <div className="console-facets">
        <section className="card" data-testid="categories">
          <h2 className="card-title">{t.categories}</h2>
          <div className="chips">
            {facets.categories.map(([c, n]) => (
              <button key={c ?? ''} type="button" className={category === c ? 'chip active' : 'chip'} aria-pressed={category === c} onClick={() => setCategory(category === c ? undefined : c)}>
                {c ?? t.noCategory} <span className="muted">{n}</span>
              </button>
            ))}
          </div>
        </section>
        <section className="card" data-testid="tax-rates">
          <h2 className="card-title">{t.taxRates}</h2>
          <div className="chips">
            {facets.rates.map(([bp, n]) => (
              <button key={bp} type="button" className={taxBp === bp ? 'chip active' : 'chip'} aria-pressed={taxBp === bp} onClick={() => setTaxBp(taxBp === bp ? undefined : bp)}>
                {taxText(bp)} % <span className="muted">{n}</span>
              </button>
            ))}
          </div>
        </section>
      </div>
      <section className="card">
        <div className="card-head">
          <h2 className="card-title">
            {t.products} ({shown.length})
          </h2>
          <input className="text-input console-search" type="search" placeholder={t.search} aria-label={t.search} data-testid="product-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        {products === null ? (
          <p className="muted">{t.loading}</p>
        ) : shown.length === 0 ? (
          <p className="muted">{t.noProducts}</p>
        ) : (
          <table className="table" data-testid="products-table">
            <thead>
              <tr>
                <th>{t.sku}</th>
                <th>{t.name}</th>
                <th>{t.barcodes}</th>
                <th>{t.category}</th>
                <th className="num">{t.taxRate}</th>
                <th className="num">{t.price}</th>
                <th>{t.active}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 200).map((p) => (
                <ProductLine key={p.sku} product={p} currency={currency} canWrite={canWrite} fb={fb} onDone={() => void load()} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" data-testid="price-changes">
        <h2 className="card-title">{t.scheduled}</h2>
        {changes.length === 0 ? (
          <p className="muted">{t.noScheduled}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t.sku}</th>
                <th className="num">{t.newPrice}</th>
                <th>{t.from}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id} data-testid={`price-change-${c.sku}`}>
                  <td className="mono">{c.sku}</td>
                  <td className="num">{formatMinor(c.price, currency)}</td>
                  <td>{when(c.effectiveAt)}</td>
                  <td>
                    {canWrite && (
                      <div className="row-actions">
                        <button type="button" className="btn btn-ghost btn-small" data-testid={`price-change-cancel-${c.sku}`} onClick={() => void cancel(c)}>
                          {t.cancelChange}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function NewProduct({ currency, fb, onDone }: { readonly currency: CurrencyCode; readonly fb: Feedback; readonly onDone: () => void }) {
  const t = useWords();
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [barcodes, setBarcodes] = useState('');
  const [category, setCategory] = useState('');
  const [tax, setTax] = useState('0');
  const [bad, setBad] = useState<'invalidAmount' | 'invalidTaxRate' | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(price, currency);
    const bp = parseTaxBp(tax);
    if (!amount.ok) return setBad('invalidAmount');
    if (bp === null) return setBad('invalidTaxRate');
    setBad(null);
    const r = await call('POST', '/v1/admin/products', ProductSavedSchema, { sku, name, price: amount.value, barcodes: barcodesOf(barcodes), category: category.trim() || null, taxRateBp: bp });
    if (!r.ok) return fb.refused(r);
    fb.done('savedWhat', { what: r.data.product.sku });
    setSku('');
    setName('');
    setPrice('');
    setBarcodes('');
    onDone();
  };
  return (
    <form className="card console-form" onSubmit={(e) => void submit(e)} data-testid="new-product">
      <label>
        {t.sku}
        <input className="text-input" data-testid="product-sku" value={sku} onChange={(e) => setSku(e.target.value)} required maxLength={64} />
      </label>
      <label>
        {t.name}
        <input className="text-input" data-testid="product-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        {t.price} ({currency})
        <input className="text-input" inputMode="decimal" data-testid="product-price" value={price} onChange={(e) => setPrice(e.target.value)} required aria-invalid={bad === 'invalidAmount'} />
      </label>
      <label>
        {t.barcodes}
        <input className="text-input" data-testid="product-barcodes" value={barcodes} onChange={(e) => setBarcodes(e.target.value)} />
      </label>
      <span />
      <label>
        {t.category}
        <input className="text-input" data-testid="product-category" value={category} onChange={(e) => setCategory(e.target.value)} maxLength={80} />
      </label>
      <label>
        {t.taxRate}
        <input className="text-input" inputMode="decimal" data-testid="product-tax" value={tax} onChange={(e) => setTax(e.target.value)} aria-invalid={bad === 'invalidTaxRate'} />
      </label>
      <span className="alert-inline" role={bad ? 'alert' : undefined}>
        {bad ? t[bad] : ''}
      </span>
      <span />
      <button className="btn btn-primary" type="submit" data-testid="product-create">
        {t.newProduct}
      </button>
    </form>
  );
}

function CsvImport({ currency, fb, onDone }: { readonly currency: CurrencyCode; readonly fb: Feedback; readonly onDone: () => void }) {
  const t = useWords();
  const [as, setAs] = useState<CurrencyCode>(currency);
  const [errors, setErrors] = useState<readonly ImportError[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => setAs(currency), [currency]);
  const run = async (file: File) => {
    setErrors([]);
    fb.clear();
    const checked = checkAndChunk(await file.text(), as);
    if (!checked.ok) return setErrors(checked.errors);
    let done = 0;
    setProgress({ done, total: checked.rows });
    for (const chunk of checked.chunks) {
      const r = await call('POST', `/v1/admin/products/import?currency=${as}`, ImportedSchema, new TextBody(chunk, 'text/csv; charset=utf-8'));
      if (!r.ok) {
        setProgress(null);
        fb.refused(r);
        if (done > 0) fb.done('importPartial', { done, total: checked.rows });
        return onDone();
      }
      done += r.data.imported;
      setProgress({ done, total: checked.rows });
    }
    fb.done('imported', { n: done });
    setProgress(null);
    onDone();
  };
  return (
    <section className="card" data-testid="csv-import">
      <div className="card-head">
        <h2 className="card-title">{t.importCsv}</h2>
      </div>
      <div className="console-form">
        <label>
          {t.importFile}
          <input
            className="text-input"
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            disabled={progress !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void run(file);
            }}
          />
        </label>
        <label>
          {t.importCurrency}
          <select className="text-input" value={as} onChange={(e) => setAs(e.target.value as CurrencyCode)}>
            {CURRENCY_CODES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      </div>
      {progress && (
        <div className="import-progress" data-testid="import-progress">
          <progress max={progress.total} value={progress.done} aria-label={t.importCsv} />
          <span>{fill(t.importing, progress)}</span>
        </div>
      )}
      {errors.length > 0 && (
        <div data-testid="import-errors">
          <div className="alert" role="alert">
            {fill(t.importErrors, { n: new Set(errors.map((e) => e.line)).size })}
          </div>
          <table className="table small">
            <thead>
              <tr>
                <th className="num">{t.line}</th>
                <th>{t.field}</th>
                <th>{t.problem}</th>
              </tr>
            </thead>
            <tbody>
              {errors.slice(0, 200).map((e, i) => (
                <tr key={i} data-testid={`import-error-${e.line}`}>
                  <td className="num">{e.line}</td>
                  <td className="mono">{e.field ?? '—'}</td>
                  <td>
                    {t.importCodes[e.code] ?? e.reason} <span className="muted small">{e.reason}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ProductLine(props: { readonly product: ProductRow; readonly currency: CurrencyCode; readonly canWrite: boolean; readonly fb: Feedback; readonly onDone: () => void }) {
  const t = useWords();
  const { product: p, currency, fb } = props;
  const [mode, setMode] = useState<'view' | 'edit' | 'schedule'>('view');
  return (
    <>
      <tr className={p.active ? '' : 'inactive'} data-testid={`product-row-${p.sku}`}>
        <td className="mono">{p.sku}</td>
        <td>{p.name}</td>
        <td className="mono small">{p.barcodes.join(', ')}</td>
        <td>{p.category ?? '—'}</td>
        <td className="num">{taxText(p.taxRateBp)}</td>
        <td className="num">{formatMinor(p.price, currency)}</td>
        <td>{p.active ? t.yes : t.no}</td>
        <td>
          {props.canWrite && (
            <div className="row-actions">
              <button type="button" className="btn btn-ghost btn-small" data-testid={`product-edit-${p.sku}`} onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')}>
                {t.edit}
              </button>
              <button type="button" className="btn btn-ghost btn-small" data-testid={`product-schedule-${p.sku}`} onClick={() => setMode(mode === 'schedule' ? 'view' : 'schedule')}>
                {t.schedulePrice}
              </button>
            </div>
          )}
        </td>
      </tr>
      {mode !== 'view' && (
        <tr>
          <td colSpan={8}>
            {mode === 'edit' ? (
              <EditProduct
                product={p}
                currency={currency}
                fb={fb}
                onDone={() => {
                  setMode('view');
                  props.onDone();
                }}
              />
            ) : (
              <SchedulePrice
                product={p}
                currency={currency}
                fb={fb}
                onDone={() => {
                  setMode('view');
                  props.onDone();
                }}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function EditProduct({ product: p, currency, fb, onDone }: { readonly product: ProductRow; readonly currency: CurrencyCode; readonly fb: Feedback; readonly onDone: () => void }) {
  const t = useWords();
  const [name, setName] = useState(p.name);
  const [price, setPrice] = useState(amountText(p.price, currency));
  const [barcodes, setBarcodes] = useState(p.barcodes.join(', '));
  const [category, setCategory] = useState(p.category ?? '');
  const [tax, setTax] = useState(taxText(p.taxRateBp));
  const [active, setActive] = useState(p.active);
  const [bad, setBad] = useState<'invalidAmount' | 'invalidTaxRate' | null>(null);
  const path = `/v1/admin/products/${encodeURIComponent(p.sku)}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(price, currency);
    const bp = parseTaxBp(tax);
    if (!amount.ok) return setBad('invalidAmount');
    if (bp === null) return setBad('invalidTaxRate');
    setBad(null);
    const r = await call('POST', path, ProductSavedSchema, { name, barcodes: barcodesOf(barcodes), category: category.trim() || null, taxRateBp: bp, active });
    if (!r.ok) return fb.refused(r);
    if (amount.value !== p.price) {
      const priced = await call('POST', `${path}/price`, ProductSavedSchema, { price: amount.value });
      if (!priced.ok) return fb.refused(priced);
    }
    fb.done('savedWhat', { what: p.sku });
    onDone();
  };
  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} data-testid={`edit-${p.sku}`}>
      <label>
        {t.name}
        <input className="text-input" data-testid="edit-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus />
      </label>
      <label>
        {t.price} ({currency})
        <input className="text-input" inputMode="decimal" data-testid="edit-price" value={price} onChange={(e) => setPrice(e.target.value)} aria-invalid={bad === 'invalidAmount'} />
      </label>
      <label>
        {t.barcodes}
        <input className="text-input" data-testid="edit-barcodes" value={barcodes} onChange={(e) => setBarcodes(e.target.value)} />
      </label>
      <label>
        {t.category}
        <input className="text-input" data-testid="edit-category" value={category} onChange={(e) => setCategory(e.target.value)} maxLength={80} />
      </label>
      <span />
      <label>
        {t.taxRate}
        <input className="text-input" inputMode="decimal" data-testid="edit-tax" value={tax} onChange={(e) => setTax(e.target.value)} aria-invalid={bad === 'invalidTaxRate'} />
      </label>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t.active}
      </label>
      <span className="alert-inline" role={bad ? 'alert' : undefined}>
        {bad ? t[bad] : ''}
      </span>
      <span />
      <button className="btn btn-primary" type="submit" data-testid="edit-save">
        {t.save}
      </button>
    </form>
  );
}

/** A date and time typed in the browser's time zone, as `datetime-local` gives it, defaulting to tomorrow 00:00. */
function tomorrowLocal(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T00:00`;
}

function SchedulePrice({ product: p, currency, fb, onDone }: { readonly product: ProductRow; readonly currency: CurrencyCode; readonly fb: Feedback; readonly onDone: () => void }) {
  const t = useWords();
  const lang = useConsole((s) => s.lang);
  const [price, setPrice] = useState(amountText(p.price, currency));
  const [from, setFrom] = useState(tomorrowLocal());
  const [bad, setBad] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(price, currency);
    const at = new Date(from);
    if (!amount.ok || Number.isNaN(at.getTime())) return setBad(true);
    setBad(false);
    const r = await call('POST', '/v1/admin/price-changes', PriceChangeSavedSchema, { sku: p.sku, price: amount.value, effectiveAt: at.toISOString() });
    if (!r.ok) return fb.refused(r);
    fb.done('scheduledSaved', { sku: p.sku, price: formatMinor(r.data.priceChange.price, currency), at: new Date(r.data.priceChange.effectiveAt).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) });
    onDone();
  };
  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} data-testid={`schedule-${p.sku}`}>
      <label>
        {t.newPrice} ({currency})
        <input className="text-input" inputMode="decimal" data-testid="schedule-price" value={price} onChange={(e) => setPrice(e.target.value)} aria-invalid={bad} autoFocus />
      </label>
      <label>
        {t.from}
        <input className="text-input" type="datetime-local" data-testid="schedule-from" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <span className="alert-inline" role={bad ? 'alert' : undefined}>
        {bad ? t.invalidAmount : ''}
      </span>
      <span />
      <button className="btn btn-primary" type="submit" data-testid="schedule-save">
        {t.save}
      </button>
    </form>
  );
}
