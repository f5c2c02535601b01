// Sessions: every sealed session of the chain, newest first, filtered by branch, register, status, difference and
// business dates, a page at a time by HQ's keyset cursor (forward, and back through the cursors already seen). Each
// session opens its Z report (the register's A4 page, printable and savable as PDF by the browser) in a new tab; the
// filtered range exports as CSV (sessions, sales).
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { CurrencyCode } from '../../src/money/currencies';
import { formatMinor } from '../../src/money/money';
import type { BranchRow, SessionItem } from './api';
import { BranchListSchema, SessionPageSchema, call } from './api';
import { FeedbackView, ScreenHead, useFeedback } from './feedback';
import { useWords } from './words';

const PAGE = 25;
const money = (minor: number, currency: string) => formatMinor(minor, currency as CurrencyCode);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

interface Filters {
  branch: string;
  register: string;
  status: string;
  difference: string;
  from: string;
  to: string;
}

export function Sessions() {
  const t = useWords();
  const fb = useFeedback();
  const [branches, setBranches] = useState<BranchRow[]>([]);
  const [draft, setDraft] = useState<Filters>({ branch: '', register: '', status: '', difference: '', from: isoDay(new Date(Date.now() - 30 * 86_400_000)), to: isoDay(new Date()) });
  const [filters, setFilters] = useState<Filters>(draft);
  // cursors[i] is the cursor that opens page i (page 0: none).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(0);
  const [items, setItems] = useState<SessionItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const query = (f: Filters, extra: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== '') q.set(k, v);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q.toString();
  };
  useEffect(() => {
    void call('GET', '/v1/admin/branches', BranchListSchema).then((b) => b.ok && setBranches(b.data.branches));
  }, []);
  const load = useCallback(async (f: Filters, cursor: string | null) => {
    const r = await call('GET', `/v1/reports/sessions?${query(f, { limit: String(PAGE), ...(cursor ? { cursor } : {}) })}`, SessionPageSchema);
    if (!r.ok) return fb.refused(r);
    fb.clear();
    setItems(r.data.items);
    setNext(r.data.next);
    // fb's setters are stable.
  }, []);
  useEffect(() => {
    void load(filters, cursors[page] ?? null);
  }, [load, filters, cursors, page]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setCursors([null]);
    setPage(0);
    setFilters(draft);
  };
  const set = (k: keyof Filters) => (v: string) => setDraft({ ...draft, [k]: v });
  const exportable = filters.from !== '' && filters.to !== '';
  return (
    <>
      <ScreenHead title={t.navSessions} readOnly={false} />
      <FeedbackView fb={fb} />
      <form className="card console-form" onSubmit={apply} data-testid="sessions-filters">
        <label>
          {t.branch}
          <select className="text-input" data-testid="sessions-branch" value={draft.branch} onChange={(e) => set('branch')(e.target.value)}>
            <option value="">{t.allBranches}</option>
            {branches.map((b) => (
              <option key={b.code} value={b.code}>
                {b.code} · {b.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.register}
          <input className="text-input" data-testid="sessions-register" value={draft.register} onChange={(e) => set('register')(e.target.value.toUpperCase())} maxLength={16} />
        </label>
        <label>
          {t.from}
          <input className="text-input" type="date" data-testid="sessions-from" value={draft.from} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label>
          {t.to}
          <input className="text-input" type="date" data-testid="sessions-to" value={draft.to} onChange={(e) => set('to')(e.target.value)} />
        </label>
        <span />
        <label>
          {t.status}
          <select className="text-input" value={draft.status} onChange={(e) => set('status')(e.target.value)}>
            <option value="">{t.allBranches}</option>
            <option value="CLOSED">{t.statusCLOSED}</option>
            <option value="TRANSFERRED">{t.statusTRANSFERRED}</option>
          </select>
        </label>
        <label>
          {t.difference}
          <select className="text-input" data-testid="sessions-difference" value={draft.difference} onChange={(e) => set('difference')(e.target.value)}>
            <option value="">{t.allBranches}</option>
            <option value="SHORT">{t.diffSHORT}</option>
            <option value="OVER">{t.diffOVER}</option>
            <option value="EVEN">{t.diffEVEN}</option>
          </select>
        </label>
        <span />
        <span />
        <button className="btn btn-primary" type="submit" data-testid="sessions-apply">
          {t.apply}
        </button>
      </form>
      <section className="card">
        <div className="card-head">
          <h2 className="card-title">{t.navSessions}</h2>
          {exportable && (
            <div className="row-actions">
              <a className="btn btn-ghost btn-small" data-testid="sessions-csv" href={`/v1/reports/sessions.csv?${query(filters, {})}`} download>
                CSV {t.navSessions.toLowerCase()}
              </a>
              <a className="btn btn-ghost btn-small" data-testid="sales-csv" href={`/v1/reports/sales.csv?${query(filters, {})}`} download>
                CSV {t.sales.toLowerCase()}
              </a>
            </div>
          )}
        </div>
        {items === null ? (
          <p className="muted">{t.loading}</p>
        ) : items.length === 0 ? (
          <p className="muted">{t.noSessions}</p>
        ) : (
          <table className="table" data-testid="sessions-table">
            <thead>
              <tr>
                <th>{t.businessDate}</th>
                <th>{t.register}</th>
                <th>#</th>
                <th>{t.cashier}</th>
                <th className="num">{t.sales}</th>
                <th className="num">{t.expected}</th>
                <th className="num">{t.counted}</th>
                <th className="num">{t.difference}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.sessionId} data-testid={`session-${s.sessionId}`}>
                  <td>{s.businessDate}</td>
                  <td className="mono">
                    {s.branchCode}/{s.registerCode}
                  </td>
                  <td className="mono">{s.sessionNumber}</td>
                  <td>{s.cashier?.name ?? s.cashierId}</td>
                  <td className="num">
                    {money(s.salesTotal, s.currency)} <span className="muted small">({s.salesCount})</span>
                  </td>
                  <td className="num">{money(s.expectedAmount, s.currency)}</td>
                  <td className="num">{money(s.closingAmount, s.currency)}</td>
                  <td className={s.difference < 0 ? 'num danger' : 'num'}>{money(s.difference, s.currency)}</td>
                  <td>
                    <a className="btn btn-ghost btn-small" data-testid={`session-z-${s.sessionId}`} href={`/v1/reports/z/${encodeURIComponent(s.sessionId)}`} target="_blank" rel="noopener noreferrer">
                      {t.zReport}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="row-actions">
          <button type="button" className="btn btn-ghost" data-testid="sessions-prev" disabled={page === 0} onClick={() => setPage(page - 1)}>
            ← {t.previous}
          </button>
          <span className="muted" data-testid="sessions-page">
            {t.page} {page + 1}
          </span>
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="sessions-next"
            disabled={next === null}
            onClick={() => {
              setCursors([...cursors.slice(0, page + 1), next]);
              setPage(page + 1);
            }}
          >
            {t.next} →
          </button>
        </div>
      </section>
    </>
  );
}
