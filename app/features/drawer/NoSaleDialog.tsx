// "Abrir cajón" with no sale: the cashier picks a reason (keys 1–5 or the arrows; "Otro" needs a note) and Enter opens
// it. Where the register asks for approval the engine answers SUPERVISOR_REQUIRED and a supervisor's PIN follows.
// Nothing is chosen beforehand: a drawer never opens without someone saying why.
import { useRef, useState } from 'react';
import type { NoSaleReason } from '../../../src/session/movements';
import { NO_SALE_REASONS } from '../../../src/session/movements';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { type UiError, Dialog, ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';

export function NoSaleDialog({ onDone, onCancel }: { readonly onDone: (message: string) => void; readonly onCancel: () => void }) {
  const t = useT();
  const [reason, setReason] = useState<NoSaleReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const requestId = useRef(newRequestId());
  const noteRef = useRef<HTMLInputElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);

  const send = async (grantId?: string) => {
    if (reason === null) return;
    setBusy(true);
    const reply = await invoke('cash.openDrawer', { reason, ...(note.trim() ? { note: note.trim() } : {}), ...(grantId ? { grantId } : {}), requestId: requestId.current });
    setBusy(false);
    if (reply.ok) return onDone(t.noSale.done(t.noSale.reasons[reason]));
    if (reply.error.code === 'SUPERVISOR_REQUIRED' && grantId === undefined) return setAsking(true);
    setError(reply.error);
    requestId.current = newRequestId();
  };

  const submit = () => {
    if (busy) return;
    if (reason === null) {
      setError({ code: 'VALIDATION_FAILED', message: t.noSale.pickReason, local: true });
      firstRef.current?.focus();
      return;
    }
    if (reason === 'OTHER' && !note.trim()) {
      setError({ code: 'NOTE_REQUIRED', message: t.noSale.noteRequired, local: true });
      noteRef.current?.focus();
      return;
    }
    setError(null);
    void send();
  };

  const pick = (r: NoSaleReason) => {
    setReason(r);
    setError(null);
    if (r === 'OTHER') window.setTimeout(() => noteRef.current?.focus(), 0);
  };

  return (
    <>
      <Dialog title={t.noSale.title} testid="nosale-dialog" onClose={busy || asking ? null : onCancel}>
        <form
          className="dialog-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          onKeyDown={(e) => {
            // 1–5 pick a reason from anywhere but the note.
            const i = Number(e.key) - 1;
            const r = NO_SALE_REASONS[i];
            if (r !== undefined && e.target !== noteRef.current && !e.ctrlKey && !e.altKey) {
              e.preventDefault();
              pick(r);
            }
          }}
        >
          <p className="muted small">{t.noSale.hint}</p>
          <fieldset className="reason-list" data-testid="nosale-reasons">
            <legend className="field-label">{t.noSale.reason}</legend>
            {NO_SALE_REASONS.map((r, i) => (
              <label key={r} className="radio-row">
                <input
                  ref={i === 0 ? firstRef : undefined}
                  type="radio"
                  name="nosale-reason"
                  value={r}
                  autoFocus={i === 0}
                  checked={reason === r}
                  data-testid={`nosale-reason-${r}`}
                  onChange={() => pick(r)}
                />
                <Kbd k={String(i + 1)} /> {t.noSale.reasons[r]}
              </label>
            ))}
          </fieldset>
          <label className="field-label" htmlFor="nosale-note">
            {t.noSale.note} {reason === 'OTHER' ? '' : t.common.optional}
          </label>
          <input
            ref={noteRef}
            id="nosale-note"
            className="text-input"
            value={note}
            maxLength={500}
            data-testid="nosale-note"
            onChange={(e) => {
              setNote(e.target.value);
              setError(null);
            }}
          />
          <ErrorBox error={error} testid="nosale-error" />
          <div className="dialog-actions">
            <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy} data-testid="nosale-cancel">
              {t.common.cancel} <Kbd k="Esc" />
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="nosale-confirm">
              {t.noSale.confirm} <Kbd k="Enter" />
            </button>
          </div>
        </form>
      </Dialog>
      {asking && (
        <PinDialog
          title={t.pin.supervisorTitle}
          hint={t.noSale.needsSupervisor}
          permission="cash:approve_no_sale"
          onGranted={(g: Grant) => {
            setAsking(false);
            void send(g.grantId);
          }}
          onCancel={() => setAsking(false)}
        />
      )}
    </>
  );
}
