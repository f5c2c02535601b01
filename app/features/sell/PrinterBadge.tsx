// "Impresora sin conexión — reimprimir": the sell screen's printer badge. Polls `print.counter` while the sell screen
// is open; when the latest job has not printed after a try (waiting or failed) it shows the badge with a reprint
// button, and the print queue (each job's attempts and last error) is one click away.
import { useEffect, useState } from 'react';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { Dialog } from '../../components/ui';
import { useT } from '../../i18n';
import type { PrintJob } from '../../stores/printer';
import { isStuck, usePrinter } from '../../stores/printer';

const POLL_MS = 3000;

export function PrinterBadge({ onToast }: { readonly onToast: (text: string) => void }) {
  const t = useT();
  const counter = usePrinter((s) => s.counter);
  const refresh = usePrinter((s) => s.refresh);
  const [queueOpen, setQueueOpen] = useState(false);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const retry = async (job: PrintJob) => {
    const reply = await invoke('print.retry', { jobId: job.id, requestId: newRequestId() });
    onToast(reply.ok ? t.counter.retried : reply.error.message);
    // The host prints after the reply: look again shortly.
    window.setTimeout(() => void refresh(), 600);
  };

  const latest = counter.jobs[0];
  const stuck = latest !== undefined && isStuck(latest) ? latest : null;
  if (counter.printer === 'NONE' && counter.jobs.length === 0) return null;
  return (
    <>
      {stuck !== null ? (
        <div className="alert printer-badge" role="alert" data-testid="printer-offline" data-job={stuck.id} data-status={stuck.status}>
          <div>
            <strong>{t.counter.printerOffline}</strong>
            <div className="small">{t.counter.printerWaiting(stuck.title)}</div>
            {stuck.lastError && <div className="small muted">{stuck.lastError}</div>}
          </div>
          <div className="printer-badge-actions">
            <button type="button" className="btn btn-primary btn-small" data-testid="printer-reprint" onMouseDown={(e) => e.preventDefault()} onClick={() => void retry(stuck)}>
              {t.counter.reprint}
            </button>
            <button type="button" className="btn btn-ghost btn-small" data-testid="printer-queue" onMouseDown={(e) => e.preventDefault()} onClick={() => setQueueOpen(true)}>
              {t.counter.queue}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn-ghost btn-small printer-queue-link" data-testid="printer-queue" onMouseDown={(e) => e.preventDefault()} onClick={() => setQueueOpen(true)}>
          {t.counter.queue}
        </button>
      )}
      {queueOpen && <PrintQueueDialog jobs={counter.jobs} onRetry={(j) => void retry(j)} onClose={() => setQueueOpen(false)} />}
    </>
  );
}

/** The register's latest print jobs: title, state, attempts, last error and next try, with "Reimprimir" on each. */
function PrintQueueDialog({ jobs, onRetry, onClose }: { readonly jobs: readonly PrintJob[]; readonly onRetry: (job: PrintJob) => void; readonly onClose: () => void }) {
  const t = useT();
  const time = (iso: string) => new Date(iso).toLocaleTimeString(t.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <Dialog title={t.counter.queue} testid="print-queue" onClose={onClose} wide>
      {jobs.length === 0 ? (
        <p className="muted">{t.counter.queueEmpty}</p>
      ) : (
        <table className="table print-queue">
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-testid={`print-job-${j.id}`} data-status={j.status} data-attempts={j.attempts}>
                <td className="mono small">{time(j.createdAt)}</td>
                <td>
                  <div>{j.title}</div>
                  {j.lastError && j.status !== 'DONE' && <div className="small danger">{j.lastError}</div>}
                </td>
                <td>
                  <span className={`badge badge-print-${j.status.toLowerCase()}`}>{t.counter.statuses[j.status]}</span>
                  <div className="small muted">{t.counter.attempts(j.attempts)}</div>
                  {j.nextAttemptAt && (
                    <div className="small muted">
                      {t.counter.nextTry} {time(j.nextAttemptAt)}
                    </div>
                  )}
                </td>
                <td>
                  {j.status !== 'DONE' && (
                    <button type="button" className="btn btn-ghost btn-small" data-testid={`print-retry-${j.id}`} onClick={() => onRetry(j)}>
                      {t.counter.reprint}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
