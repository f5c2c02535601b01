// Cash in / cash out of the drawer with a reason. A withdrawal first asks a supervisor's PIN (cash:movements grant).
import { useRef, useState } from 'react';
import type { CurrencyCode } from '../../../src/money/currencies';
import type { MovementReason } from '../../../src/session/ledger';
import { MOVEMENT_REASONS } from '../../../src/session/ledger';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import type { Grant } from '../../components/PinDialog';
import { PinDialog } from '../../components/PinDialog';
import { type UiError, Dialog, ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney, parseTypedAmount } from '../../money';

export interface MoveDialogProps {
  readonly kind: 'in' | 'out';
  readonly currency: CurrencyCode;
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}

export function MoveDialog({ kind, currency, onDone, onCancel }: MoveDialogProps) {
  const t = useT();
  const [text, setText] = useState('');
  const [reason, setReason] = useState<MovementReason>(kind === 'in' ? 'CHANGE_FUND' : 'SAFE_DEPOSIT');
  const [description, setDescription] = useState('');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const requestId = useRef(newRequestId());
  const amountRef = useRef<HTMLInputElement>(null);
  const parsed = parseTypedAmount(text, currency, t.locale);

  const fields = () => ({
    reason,
    ...(description.trim() ? { description: description.trim() } : {}),
    ...(reference.trim() ? { reference: reference.trim() } : {}),
  });

  const submit = async () => {
    if (busy) return;
    if (!parsed.ok || parsed.value <= 0) {
      setError({ code: 'VALIDATION_FAILED', message: parsed.ok ? t.amountErrors.MALFORMED : t.amountErrors[parsed.error], local: true });
      amountRef.current?.focus();
      return;
    }
    setError(null);
    if (kind === 'out') {
      setAsking(true);
      return;
    }
    setBusy(true);
    const reply = await invoke('cash.deposit', { amount: parsed.value, ...fields(), requestId: requestId.current });
    setBusy(false);
    if (reply.ok) onDone(t.move.doneDeposit(formatMoney(reply.data.movement.amount, currency, t.locale)));
    else setError(reply.error);
  };

  const withdraw = async (grant: Grant) => {
    setAsking(false);
    if (!parsed.ok) return;
    setBusy(true);
    const reply = await invoke('cash.withdraw', { amount: parsed.value, ...fields(), grantId: grant.grantId, requestId: requestId.current });
    setBusy(false);
    if (reply.ok) onDone(t.move.doneWithdraw(formatMoney(reply.data.movement.amount, currency, t.locale), grant.supervisor.name));
    else {
      setError(reply.error);
      requestId.current = newRequestId();
      amountRef.current?.focus();
    }
  };

  return (
    <>
      <Dialog title={kind === 'in' ? t.move.depositTitle : t.move.withdrawTitle} testid="move-dialog" onClose={busy || asking ? null : onCancel}>
        <form
          className="dialog-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field-label" htmlFor="move-amount">
            {t.common.amount}
          </label>
          <div className="amount-field">
            <span className="amount-currency">{currency}</span>
            <input
              ref={amountRef}
              id="move-amount"
              className="amount-input"
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              value={text}
              data-testid="move-amount"
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
            />
          </div>
          <p className="preview">{parsed.ok ? formatMoney(parsed.value, currency, t.locale) : '\u00a0'}</p>
          <label className="field-label" htmlFor="move-reason">
            {t.move.reason}
          </label>
          <select id="move-reason" className="text-input" value={reason} data-testid="move-reason" onChange={(e) => setReason(e.target.value as MovementReason)}>
            {MOVEMENT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t.move.reasons[r]}
              </option>
            ))}
          </select>
          <div className="two-cols">
            <div>
              <label className="field-label" htmlFor="move-description">
                {t.move.description}
              </label>
              <input id="move-description" className="text-input" value={description} maxLength={500} data-testid="move-description" onChange={(e) => setDescription(e.target.value)} />
            </div>
            <div>
              <label className="field-label" htmlFor="move-reference">
                {t.move.reference}
              </label>
              <input id="move-reference" className="text-input" value={reference} maxLength={500} data-testid="move-reference" onChange={(e) => setReference(e.target.value)} />
            </div>
          </div>
          {kind === 'out' && <p className="muted small">{t.move.needsSupervisor}</p>}
          <ErrorBox error={error} testid="move-error" />
          <div className="dialog-actions">
            <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy} data-testid="move-cancel">
              {t.common.cancel} <Kbd k="Esc" />
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="move-confirm">
              {kind === 'in' ? t.move.confirmDeposit : t.move.confirmWithdraw} <Kbd k="Enter" />
            </button>
          </div>
        </form>
      </Dialog>
      {asking && (
        <PinDialog
          title={t.pin.supervisorTitle}
          hint={t.pin.supervisorHint}
          permission="cash:movements"
          onGranted={(g) => void withdraw(g)}
          onCancel={() => setAsking(false)}
        />
      )}
    </>
  );
}
