// Voiding a whole sale from the sales dialog (F4): a reason, then a supervisor's PIN (a `sales:void` grant), then
// sales.void with one request id for the attempt (a retry after a lost reply voids once). Whether the sale may be
// voided at all is eligibility.ts's; the engine decides again and refuses otherwise.
import { useLayoutEffect, useRef, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { type UiError, ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';

type Sale = CommandOutput<'sales.void'>['sale'];

export interface VoidFlowProps {
  readonly saleId: string;
  readonly onBack: () => void;
  /** The sale as voided and the supervisor who approved it. */
  readonly onVoided: (sale: Sale, supervisorName: string) => void;
  /** True while a request or the PIN dialog is under way: the sales dialog must not close or take keys. */
  readonly onLock: (locked: boolean) => void;
}

export function VoidFlow({ saleId, onBack, onVoided, onLock }: VoidFlowProps) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const requestId = useRef(newRequestId());
  // Reported before paint, so an Esc at once cannot close the dialog under a request; released when this flow goes.
  useLayoutEffect(() => {
    onLock(busy || asking);
    return () => onLock(false);
  }, [busy, asking, onLock]);

  const ask = () => {
    if (reason.trim() === '') return setError({ code: 'VALIDATION_FAILED', message: t.localErrors.REQUIRED, local: true });
    setError(null);
    setAsking(true);
  };

  const submit = async (grant: Grant) => {
    setAsking(false);
    setBusy(true);
    const reply = await invoke('sales.void', { saleId, reason: reason.trim(), grantId: grant.grantId, requestId: requestId.current });
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error);
      requestId.current = newRequestId();
      return;
    }
    onVoided(reply.data.sale, grant.supervisor.name);
  };

  return (
    <>
      <form
        className="dialog-form void-form"
        onSubmit={(e) => {
          e.preventDefault();
          ask();
        }}
      >
        <label className="field-label" htmlFor="void-reason">
          {t.salesDlg.voidReason}
        </label>
        <input
          id="void-reason"
          className="text-input"
          autoFocus
          maxLength={200}
          value={reason}
          placeholder={t.salesDlg.voidReasonHint}
          data-testid="void-reason"
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
        />
        <p className="muted small">{t.salesDlg.voidHint}</p>
        <ErrorBox error={error} testid="sales-error" />
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={onBack} disabled={busy}>
            {t.common.back} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary danger-fill" disabled={busy} data-testid="void-confirm">
            {t.salesDlg.voidConfirm} <Kbd k="Enter" />
          </button>
        </div>
      </form>
      {asking && <PinDialog title={t.pin.supervisorTitle} hint={t.salesDlg.voidHint} permission="sales:void" onGranted={(g) => void submit(g)} onCancel={() => setAsking(false)} />}
    </>
  );
}
