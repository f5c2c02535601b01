// Deliveries to review: what registers sent that HQ refused (chain conflicts, taken session numbers, wrong keys, ledgers
// that did not verify), oldest first, a page at a time, with the reason in words, who sent it against what it claims,
// and the start of what arrived (HQ keeps only its first 16 KiB, with the whole body's size and SHA-256). Reading only.
import { useCallback, useEffect, useState } from 'react';
import type { RejectedRow } from './api';
import { RejectedListSchema, call } from './api';
import { FeedbackView, ScreenHead, useFeedback } from './feedback';
import { useConsole } from './store';
import { useWords } from './words';

const PAGE = 50;

export function Deliveries() {
  const t = useWords();
  const lang = useConsole((s) => s.lang);
  const fb = useFeedback();
  const [rows, setRows] = useState<RejectedRow[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const load = useCallback(async (after: number) => {
    const r = await call('GET', `/v1/rejected?limit=${PAGE}&after=${after}`, RejectedListSchema);
    if (!r.ok) return fb.refused(r);
    setRows((old) => [...(after === 0 ? [] : (old ?? [])), ...r.data.rejected]);
    setNext(r.data.next);
    // fb's setters are stable.
  }, []);
  useEffect(() => {
    void load(0);
  }, [load]);
  const who = (branch: string | null, register: string | null) => (branch === null && register === null ? '—' : `${branch ?? '?'}/${register ?? '?'}`);
  return (
    <>
      <ScreenHead title={t.deliveriesTitle} readOnly={false} />
      <p className="muted">{t.deliveriesHelp}</p>
      <FeedbackView fb={fb} />
      <section className="card">
        {rows === null ? (
          <p className="muted">{t.loading}</p>
        ) : rows.length === 0 ? (
          <p className="muted">{t.noDeliveries}</p>
        ) : (
          <table className="table" data-testid="deliveries-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t.received}</th>
                <th>{t.reason}</th>
                <th>{t.claimed}</th>
                <th>{t.sender}</th>
                <th className="num">{t.size}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const mismatch = r.senderBranchCode !== null && r.branchCode !== null && (r.senderBranchCode !== r.branchCode || r.senderRegisterCode !== r.registerCode);
                return [
                  <tr key={r.id} data-testid={`delivery-${r.id}`}>
                    <td className="num">{r.id}</td>
                    <td>{new Date(r.receivedAt).toLocaleString(lang)}</td>
                    <td>
                      <span className="badge sync-rejected mono">{r.reason}</span> {t.reasons[r.reason] ?? ''}
                    </td>
                    <td className="mono">
                      {who(r.branchCode, r.registerCode)}
                      {r.sessionId && <div className="small muted">{r.sessionId}</div>}
                    </td>
                    <td className={mismatch ? 'mono danger' : 'mono'}>{who(r.senderBranchCode, r.senderRegisterCode)}</td>
                    <td className="num">{(r.bodyBytes ?? r.body.length).toLocaleString(lang)} B</td>
                    <td>
                      <button type="button" className="btn btn-ghost btn-small" aria-expanded={open === r.id} data-testid={`delivery-open-${r.id}`} onClick={() => setOpen(open === r.id ? null : r.id)}>
                        {open === r.id ? t.hide : t.show}
                      </button>
                    </td>
                  </tr>,
                  open === r.id && (
                    <tr key={`${r.id}-details`}>
                      <td colSpan={7}>
                        <dl className="console-details" data-testid={`delivery-details-${r.id}`}>
                          <dt>HTTP</dt>
                          <dd>{r.httpStatus}</dd>
                          <dt>{t.details}</dt>
                          <dd className="mono">{r.details ?? '—'}</dd>
                          <dt>SHA-256</dt>
                          <dd className="mono">{r.bodySha256 ?? '—'}</dd>
                          <dt>{t.bodyPrefix}</dt>
                          <dd>
                            <pre className="console-pre">{r.body.slice(0, 4000)}</pre>
                          </dd>
                        </dl>
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        )}
        {next !== null && (
          <button type="button" className="btn btn-ghost" data-testid="deliveries-more" onClick={() => void load(next)}>
            {t.more}
          </button>
        )}
      </section>
    </>
  );
}
