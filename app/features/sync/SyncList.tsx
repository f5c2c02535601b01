// The manager's view of the outbox: every closed or transferred session and its delivery state to headquarters.
import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { Shell } from '../../components/Shell';
import { ErrorBox, Progress } from '../../components/ui';
import { useT } from '../../i18n';
import { useSync } from '../../stores/sync';
import { useStoreTime } from '../../time';

type Entry = CommandOutput<'sync.entries'>['entries'][number];
type Status = Entry['status'];

export function SyncList() {
  const t = useT();
  const status = useSync((s) => s.status);
  const refreshStatus = useSync((s) => s.refresh);
  const [filter, setFilter] = useState<Status | ''>('');
  const [entries, setEntries] = useState<readonly Entry[] | null>(null);
  const [error, setError] = useState<ReplyError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [nowhere, setNowhere] = useState(false);
  const at = useStoreTime(t.locale);
  const dt = (iso: string | null) => (iso === null ? t.common.none : at(iso, 'dateTime'));

  const load = useCallback(async () => {
    const r = await invoke('sync.entries', filter ? { status: filter } : {});
    if (r.ok) setEntries(r.data.entries);
    else setError(r.error);
    void refreshStatus();
  }, [filter, refreshStatus]);

  useEffect(() => {
    void load();
  }, [load]);

  const sendNow = async () => {
    // With no headquarters there is nowhere to send: say so rather than a cheerful "queued".
    if (status !== null && !status.configured) {
      setNotice(null);
      setNowhere(true);
      return;
    }
    const r = await invoke('sync.now', { requestId: newRequestId() });
    if (r.ok) setNotice(t.sync.due(r.data.due));
    else setError(r.error);
    void load();
  };

  return (
    <Shell screen="sync">
      <main className="page">
        <div className="page-head">
          <h1 className="title">{t.sync.title}</h1>
          <div className="page-actions">
            <select className="text-input" value={filter} data-testid="sync-filter" onChange={(e) => setFilter(e.target.value as Status | '')}>
              <option value="">{t.common.all}</option>
              {(['PENDING', 'SENT', 'REJECTED'] as const).map((s) => (
                <option key={s} value={s}>
                  {t.sync.statuses[s]}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-primary" onClick={() => void sendNow()} data-testid="sync-now">
              {t.sync.sendNow}
            </button>
          </div>
        </div>
        {status !== null && (
          <div className="card sync-summary">
            <span>
              {t.sync.pending}: <strong data-testid="sync-pending">{status.pending}</strong>
            </span>
            <span>
              {t.sync.sent}: <strong>{status.sent}</strong>
            </span>
            <span>
              {t.sync.rejected}: <strong>{status.rejected}</strong>
            </span>
            <span>
              {t.sync.lastSuccess}: {dt(status.lastSuccessAt)}
            </span>
            <span>
              {t.sync.nextAttempt}: {dt(status.nextAttemptAt)}
            </span>
            {status.lastError !== null && (
              <span className="neg">
                {t.sync.lastError}: {status.lastError.message}
              </span>
            )}
            {!status.configured && <span className="badge">{t.sync.notConfigured}</span>}
          </div>
        )}
        <ErrorBox error={error} testid="sync-error" />
        {notice !== null && <div className="alert alert-ok">{notice}</div>}
        {nowhere && (
          <div className="alert alert-warn" role="alert" data-testid="sync-nowhere">
            {t.counter.nowhereToSend}
          </div>
        )}
        {entries === null && error === null && <Progress label={t.common.loading} />}
        {entries !== null && (
          <div className="card">
            {entries.length === 0 ? (
              <p className="muted">{t.sync.empty}</p>
            ) : (
              <table className="table small" data-testid="sync-entries">
                <thead>
                  <tr>
                    <th>{t.report.session}</th>
                    <th>{t.report.register}</th>
                    <th>{t.report.businessDate}</th>
                    <th>{t.common.status}</th>
                    <th className="num">{t.sync.attempts}</th>
                    <th>{t.sync.nextAttempt}</th>
                    <th>{t.sync.sentAt}</th>
                    <th>{t.sync.lastError}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.sessionId} data-testid={`sync-entry-${e.sessionNumber ?? e.sessionId}`}>
                      <td className="mono">{e.sessionNumber ?? e.sessionId}</td>
                      <td>{e.registerCode ?? ''}</td>
                      <td>{e.businessDate ?? ''}</td>
                      <td>
                        <span className={`badge sync-${e.status.toLowerCase()}`}>{t.sync.statuses[e.status]}</span>
                      </td>
                      <td className="num">{e.attempts}</td>
                      <td>{dt(e.nextAttemptAt)}</td>
                      <td>{dt(e.sentAt)}</td>
                      <td className="neg small">{e.lastError ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </main>
    </Shell>
  );
}
