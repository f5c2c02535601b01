// X report of an active session, Z report of a closed one. "Imprimir" prints on the register's printer through the
// main process (print.report: ESC/POS or a system printer, 80 mm or A4 as the register is set up); the 80 mm and A4
// buttons are the browser's print dialog (a PDF, or a printer the register does not know).
import { useEffect, useState } from 'react';
import type { ReplyError } from '../../../src/contract';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { usePrint } from '../../components/Print';
import { Shell } from '../../components/Shell';
import { ErrorBox, Progress } from '../../components/ui';
import { useT } from '../../i18n';
import { useNav } from '../../stores/nav';
import { useSession } from '../../stores/session';
import type { SessionReport } from './ReportBody';
import { ReportBody } from './ReportBody';

/** The report of `sessionId`: `given` when the screen before had it (a close's reply), else asked of the engine. */
export function Report({ sessionId, given }: { readonly sessionId: string; readonly given?: SessionReport | undefined }) {
  const t = useT();
  const go = useNav((s) => s.go);
  const print = usePrint((s) => s.print);
  const hasOpen = useSession((s) => s.cash?.session?.status === 'OPEN');
  const agentsOnly = useSession((s) => s.cash?.session?.specialty === 'AGENTS_ONLY');
  const [report, setReport] = useState<SessionReport | null>(given?.session.id === sessionId ? given : null);
  const [error, setError] = useState<ReplyError | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const printOnRegister = async () => {
    const reply = await invoke('print.report', { sessionId, requestId: newRequestId() });
    if (!reply.ok) setError(reply.error);
    else setPrinted(reply.data.printer === 'NONE' ? t.counter.noPrinter : t.counter.sentToPrinter);
  };

  useEffect(() => {
    if (given?.session.id === sessionId) {
      setReport(given);
      return;
    }
    setReport(null);
    void invoke('reports.session', { sessionId }).then((r) => {
      if (r.ok) setReport(r.data);
      else setError(r.error);
    });
  }, [sessionId, given]);

  return (
    <Shell screen="report">
      <main className="page">
        <div className="page-head no-print">
          <h1 className="title">{report ? t.report.kindOf[report.kind] : t.report.z}</h1>
          <div className="page-actions">
            <button type="button" className="btn btn-ghost" disabled={report === null} data-testid="print-report" onClick={() => void printOnRegister()}>
              {t.counter.printReport}
            </button>
            <button type="button" className="btn btn-ghost" disabled={report === null} data-testid="print-80" onClick={() => report && print('receipt', <ReportBody r={report} t={t} />)}>
              {t.common.print80}
            </button>
            <button type="button" className="btn btn-ghost" disabled={report === null} data-testid="print-a4" onClick={() => report && print('a4', <ReportBody r={report} t={t} />)}>
              {t.common.printA4}
            </button>
            <button type="button" className="btn btn-primary" data-testid="report-back" onClick={() => go({ name: hasOpen ? 'sell' : 'home' })}>
              {hasOpen ? (agentsOnly ? t.nav.agents : t.nav.sell) : t.report.newSession}
            </button>
          </div>
        </div>
        <ErrorBox error={error} testid="report-error" />
        {printed !== null && (
          <div className="alert alert-info no-print" role="status" data-testid="report-printed">
            {printed}
          </div>
        )}
        {report === null && error === null && <Progress label={t.common.loading} />}
        {report !== null && (
          <div className="card report-card">
            <ReportBody r={report} t={t} />
          </div>
        )}
      </main>
    </Shell>
  );
}
