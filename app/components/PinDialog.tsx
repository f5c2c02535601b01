// Asks another person's PIN and turns it into a single-use grant (auth.verifySupervisor). With `username` the PIN must
// be that user's (a handover's incoming cashier); without it any other user holding the permission may approve.
import { useRef, useState } from 'react';
import type { CommandOutput } from '../../src/contract';
import type { Permission } from '../../src/auth/permissions';
import { invoke } from '../api';
import { newRequestId } from '../actions';
import { useT } from '../i18n';
import { PinInput, PinKeypad } from './PinEntry';
import { type UiError, Dialog, ErrorBox, Kbd } from './ui';

export type Grant = CommandOutput<'auth.verifySupervisor'>;

export interface PinDialogProps {
  readonly title: string;
  readonly hint: string;
  readonly permission: Permission;
  readonly username?: string;
  readonly onGranted: (grant: Grant, pin: string) => void;
  readonly onCancel: () => void;
}

export function PinDialog({ title, hint, permission, username, onGranted, onCancel }: PinDialogProps) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const submit = async () => {
    if (busy) return;
    if (!/^\d{4,8}$/.test(pin)) {
      setError({ code: 'VALIDATION_FAILED', message: t.localErrors.PIN_SHORT, local: true });
      return;
    }
    setBusy(true);
    const reply = await invoke('auth.verifySupervisor', { pin, permission, requestId: newRequestId(), ...(username !== undefined ? { username } : {}) });
    setBusy(false);
    if (reply.ok) onGranted(reply.data, pin);
    else {
      setPin('');
      setError(reply.error);
      inputRef.current?.focus();
    }
  };
  return (
    <Dialog title={title} testid="pin-dialog" onClose={busy ? null : onCancel} className="pin-dialog">
      <p className="muted">{hint}</p>
      <form
        className="pin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <PinInput
          ref={inputRef}
          aria-label="PIN"
          data-testid="pin-dialog-input"
          value={pin}
          onPin={(next) => {
            setPin(next);
            setError(null);
          }}
        />
        <div className="alert-slot">
          <ErrorBox error={error} testid="pin-dialog-error" />
        </div>
        <PinKeypad setPin={setPin} disabled={busy} />
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy} data-testid="pin-dialog-cancel">
            {t.common.cancel} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="pin-dialog-confirm">
            {t.pin.authorize} <Kbd k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
