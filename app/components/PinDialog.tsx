// Asks another person's PIN and turns it into a single-use grant (auth.verifySupervisor). The approver is chosen first
// (a list of the other active users whose role holds the permission, from auth.users: names and roles, never a PIN),
// and the dialog says who approves; with `username` the approver is fixed (a handover's incoming cashier). A PIN alone
// never approves: two users may share one.
import { useEffect, useRef, useState } from 'react';
import type { CommandOutput } from '../../src/contract';
import type { Permission, Role } from '../../src/auth/permissions';
import { can } from '../../src/auth/permissions';
import { invoke } from '../api';
import { useSession } from '../stores/session';
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

interface Approver {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
}

/** The users who may approve `permission` for `self`: active, not `self`, their role holding the permission. */
export function approversFor(users: readonly Approver[], permission: Permission, self: string | null): Approver[] {
  return users.filter((u) => u.username !== self && can(u.role, permission));
}

export function PinDialog({ title, hint, permission, username, onGranted, onCancel }: PinDialogProps) {
  const t = useT();
  const self = useSession((s) => s.user?.username ?? null);
  const [approvers, setApprovers] = useState<Approver[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(username ?? null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    let live = true;
    void invoke('auth.users', {}).then((reply) => {
      if (!live || !reply.ok) return;
      const list = username !== undefined ? reply.data.users.filter((u) => u.username === username) : approversFor(reply.data.users, permission, self);
      setApprovers(list);
      // With one possible approver there is nothing to choose.
      const only = list.length === 1 ? list[0] : undefined;
      if (only !== undefined) setChosen(only.username);
    });
    return () => {
      live = false;
    };
  }, [permission, self, username]);
  const approver = approvers?.find((u) => u.username === chosen) ?? null;
  const submit = async () => {
    if (busy) return;
    if (chosen === null) {
      setError({ code: 'VALIDATION_FAILED', message: t.localErrors.CHOOSE_APPROVER, local: true });
      return;
    }
    if (!/^\d{4,8}$/.test(pin)) {
      setError({ code: 'VALIDATION_FAILED', message: t.localErrors.PIN_SHORT, local: true });
      return;
    }
    setBusy(true);
    const reply = await invoke('auth.verifySupervisor', { username: chosen, pin, permission, requestId: newRequestId() });
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
      {username === undefined && approvers !== null && approvers.length > 1 && (
        <ul className="user-list compact approver-list" role="listbox" aria-label={t.pin.chooseApprover} data-testid="pin-dialog-approvers">
          {approvers.map((u) => (
            <li key={u.username}>
              <button
                type="button"
                role="option"
                aria-selected={chosen === u.username}
                className={chosen === u.username ? 'user selected' : 'user'}
                data-testid={`pin-dialog-approver-${u.username}`}
                onClick={() => {
                  setChosen(u.username);
                  setError(null);
                  inputRef.current?.focus();
                }}
              >
                <span className="user-text">
                  <span className="user-name">{u.name}</span>
                  <span className="user-role">{t.roles[u.role]}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="approver-line" data-testid="pin-dialog-approver" data-username={approver?.username ?? ''}>
        {approver !== null ? t.pin.approverIs(approver.name) : approvers !== null && approvers.length === 0 ? t.pin.noApprover : t.pin.chooseApprover}
      </p>
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
