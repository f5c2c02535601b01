// Registers (points of sale) for administrators: create, change (name, specialty, blind close, tolerance, selling
// without stock, the refund amount above which a supervisor approves), remove. Agent providers have their own screen
// (Providers.tsx), for managers too.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import type { CurrencyCode } from '../../../src/money/currencies';
import { CURRENCY_CODES } from '../../../src/money/currencies';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { Shell } from '../../components/Shell';
import { type UiError, Dialog, ErrorBox, Kbd, Progress } from '../../components/ui';
import { useT } from '../../i18n';
import type { Specialty } from '../../i18n/types';
import { formatMoney, parseTypedAmount } from '../../money';

type Register = CommandOutput<'registers.list'>['registers'][number];
const SPECIALTIES: readonly Specialty[] = ['MIXED', 'SALES_ONLY', 'AGENTS_ONLY'];

function RegisterForm({ register, onSaved, onCancel }: { readonly register: Register | null; readonly onSaved: () => void; readonly onCancel: () => void }) {
  const t = useT();
  const [code, setCode] = useState(register?.code ?? '');
  const [name, setName] = useState(register?.name ?? '');
  const [specialty, setSpecialty] = useState<Specialty>(register?.specialty ?? 'MIXED');
  const [currency, setCurrency] = useState<CurrencyCode>(register?.currency ?? 'BOB');
  const [blind, setBlind] = useState(register?.blindClose ?? true);
  const [tol, setTol] = useState(register ? formatMoney(register.differenceTolerance, register.currency, t.locale).replace(/[^\d.,]/g, '') : '0');
  const [negative, setNegative] = useState(register?.allowNegativeStock ?? true);
  const [refundAbove, setRefundAbove] = useState(register ? formatMoney(register.refundApprovalAbove, register.currency, t.locale).replace(/[^\d.,]/g, '') : '0');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const save = async () => {
    const parsed = parseTypedAmount(tol, currency, t.locale);
    if (!parsed.ok) return setError({ code: 'VALIDATION_FAILED', message: t.amountErrors[parsed.error], local: true });
    const limit = parseTypedAmount(refundAbove, currency, t.locale);
    if (!limit.ok) return setError({ code: 'VALIDATION_FAILED', message: t.amountErrors[limit.error], local: true });
    setBusy(true);
    const fields = { name, specialty, blindClose: blind, differenceTolerance: parsed.value, allowNegativeStock: negative, refundApprovalAbove: limit.value, requestId: requestId.current };
    const reply =
      register === null
        ? await invoke('registers.create', { code: code.trim().toUpperCase(), currency, ...fields })
        : await invoke('registers.update', { id: register.id, ...fields });
    setBusy(false);
    if (reply.ok) onSaved();
    else {
      setError(reply.error);
      requestId.current = newRequestId();
    }
  };

  return (
    <Dialog title={register === null ? t.admin.newRegister : t.admin.editRegister(register.code)} testid="register-form" onClose={busy ? null : onCancel}>
      <form
        className="dialog-form form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          <span className="field-label">{t.admin.code}</span>
          <input className="text-input" value={code} disabled={register !== null} autoFocus={register === null} maxLength={16} data-testid="reg-code" onChange={(e) => setCode(e.target.value.toUpperCase())} />
        </label>
        <label>
          <span className="field-label">{t.admin.name}</span>
          <input className="text-input" value={name} autoFocus={register !== null} maxLength={120} data-testid="reg-name" onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span className="field-label">{t.admin.specialty}</span>
          <select className="text-input" value={specialty} data-testid="reg-specialty" onChange={(e) => setSpecialty(e.target.value as Specialty)}>
            {SPECIALTIES.map((s) => (
              <option key={s} value={s}>
                {t.specialties[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t.admin.currency}</span>
          <select className="text-input" value={currency} disabled={register !== null} data-testid="reg-currency" onChange={(e) => setCurrency(e.target.value as CurrencyCode)}>
            {CURRENCY_CODES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t.admin.tolerance}</span>
          <input className="text-input" inputMode="decimal" value={tol} data-testid="reg-tolerance" onChange={(e) => setTol(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={blind} data-testid="reg-blind" onChange={(e) => setBlind(e.target.checked)} />
          <span>{t.admin.blindClose}</span>
        </label>
        <label>
          <span className="field-label">{t.admin.refundApprovalAbove}</span>
          <input className="text-input" inputMode="decimal" value={refundAbove} data-testid="reg-refund-above" onChange={(e) => setRefundAbove(e.target.value)} />
          <span className="muted small">{t.admin.refundApprovalHint}</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={negative} data-testid="reg-negative-stock" onChange={(e) => setNegative(e.target.checked)} />
          <span>{t.admin.allowNegativeStock}</span>
        </label>
        <div className="span-2">
          <ErrorBox error={error} testid="reg-error" />
        </div>
        <div className="dialog-actions span-2">
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t.common.cancel} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="reg-save">
            {t.common.save} <Kbd k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function AdminRegisters() {
  const t = useT();
  const [list, setList] = useState<readonly Register[] | null>(null);
  const [editing, setEditing] = useState<Register | null | 'new'>(null);
  const [error, setError] = useState<ReplyError | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('registers.list', { includeInactive: true });
    if (r.ok) setList(r.data.registers);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (r: Register) => {
    if (!window.confirm(t.admin.confirmRemove(r.code))) return;
    const reply = await invoke('registers.remove', { id: r.id, requestId: newRequestId() });
    if (!reply.ok) setError(reply.error);
    else setError(null);
    void load();
  };

  return (
    <Shell screen="admin-registers">
      <main className="page">
        <div className="page-head">
          <h1 className="title">{t.admin.registersTitle}</h1>
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="reg-new">
            + {t.admin.newRegister}
          </button>
        </div>
        <ErrorBox error={error} testid="admin-error" />
        {list === null && <Progress label={t.common.loading} />}
        {list !== null && (
          <div className="card">
            <table className="table" data-testid="registers-table">
              <thead>
                <tr>
                  <th>{t.admin.code}</th>
                  <th>{t.admin.name}</th>
                  <th>{t.admin.specialty}</th>
                  <th>{t.admin.currency}</th>
                  <th>{t.admin.blindClose}</th>
                  <th className="num">{t.admin.tolerance}</th>
                  <th className="num">{t.admin.refundLimit}</th>
                  <th>{t.admin.negativeStock}</th>
                  <th>{t.common.status}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.id} className={r.active ? '' : 'inactive'} data-testid={`reg-row-${r.code}`}>
                    <td className="mono">{r.code}</td>
                    <td>{r.name}</td>
                    <td>{t.specialties[r.specialty]}</td>
                    <td>{r.currency}</td>
                    <td>{r.blindClose ? t.common.yes : t.common.no}</td>
                    <td className="num amount">{formatMoney(r.differenceTolerance, r.currency, t.locale)}</td>
                    <td className="num amount" data-testid={`reg-refund-above-${r.code}`} data-minor={r.refundApprovalAbove}>
                      {formatMoney(r.refundApprovalAbove, r.currency, t.locale)}
                    </td>
                    <td data-testid={`reg-negative-${r.code}`} data-value={String(r.allowNegativeStock)}>
                      {r.allowNegativeStock ? t.common.yes : t.common.no}
                    </td>
                    <td>{r.active ? t.common.active : t.common.inactive}</td>
                    <td className="row-actions">
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(r)} data-testid={`reg-edit-${r.code}`}>
                        {t.common.edit}
                      </button>
                      {r.active && (
                        <button type="button" className="btn btn-ghost btn-small danger" onClick={() => void remove(r)} data-testid={`reg-remove-${r.code}`}>
                          {t.common.remove}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </main>
      {editing !== null && (
        <RegisterForm
          register={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </Shell>
  );
}
