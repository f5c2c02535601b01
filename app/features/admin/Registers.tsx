// Registers (points of sale) for administrators: create, change (name, specialty, blind close, tolerance, selling
// without stock, the refund amount above which a supervisor approves), remove. Agent providers have their own screen
// (Providers.tsx), for managers too.
import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import type { CurrencyCode } from '../../../src/money/currencies';
import { CURRENCY_CODES } from '../../../src/money/currencies';
import { cashRoundingChoices, cashRoundingFor } from '../../../src/money/rounding';
import { formatPercent } from '../../../src/sale/discount';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { AdminPage, AdminRow, AdminTable, CheckField, Field, FormDialog, ListState, NewButton, RowActions, StatusCell, useAdminList, useFormSave } from './kit';
import { num } from '../../components/ui';
import { useT } from '../../i18n';
import type { Specialty } from '../../i18n/types';
import { formatMoney, parseTypedAmount } from '../../money';
import { percentToBp } from '../../percent';
import type { PrinterDraft } from './PrinterFields';
import { draftOf, PrinterFields, settingsOf } from './PrinterFields';

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
  const [noSaleApproval, setNoSaleApproval] = useState(register?.noSaleNeedsApproval ?? false);
  // '' = the currency's default; otherwise an increment in minor units.
  const [rounding, setRounding] = useState<string>(register?.cashRounding == null ? '' : String(register.cashRounding));
  const roundingLabel = (increment: number) => (increment === 1 ? t.admin.cashRoundingNone : formatMoney(increment, currency, t.locale));
  const [discountPct, setDiscountPct] = useState(register ? formatPercent(register.discountMaxBp, '.').replace(/%$/, '') : '0');
  const [discountMax, setDiscountMax] = useState(register ? formatMoney(register.discountMaxAmount, register.currency, t.locale).replace(/[^\d.,]/g, '') : '0');
  const { error, busy, invalid, run } = useFormSave({
    code: t.admin.code,
    name: t.admin.name,
    specialty: t.admin.specialty,
    currency: t.admin.currency,
    'printer.target.deviceName': t.counter.deviceName,
    'printer.target.host': t.counter.host,
    'printer.target.port': t.counter.port,
    'printer.target.path': t.counter.devicePath,
    printer: t.counter.printerSection,
    'receipt.taxId': t.counter.taxId,
    'receipt.address': t.counter.address,
    'receipt.phone': t.counter.phone,
    'receipt.footer': t.counter.footer,
    'receipt.logo': t.counter.logo,
  });
  // The printer and the branch's receipt header: read for an existing register, defaults for a new one.
  const [printer, setPrinter] = useState<PrinterDraft | null>(register === null ? draftOf({ target: { kind: 'NONE' }, autoPrintReceipt: false, drawer: null }, { taxId: '', address: '', phone: '', footer: '' }) : null);
  useEffect(() => {
    if (register === null) return;
    void invoke('print.settings', { registerId: register.id }).then((r) => {
      if (r.ok) setPrinter(draftOf(r.data.settings, r.data.header));
    });
  }, [register]);

  const save = async () => {
    const parsed = parseTypedAmount(tol, currency, t.locale);
    if (!parsed.ok) return invalid(t.amountErrors[parsed.error]);
    const limit = parseTypedAmount(refundAbove, currency, t.locale);
    if (!limit.ok) return invalid(t.amountErrors[limit.error]);
    const discountBp = percentToBp(discountPct);
    if (discountBp === null) return invalid(t.admin.discountPercentInvalid);
    const discountAmount = parseTypedAmount(discountMax, currency, t.locale);
    if (!discountAmount.ok) return invalid(t.amountErrors[discountAmount.error]);
    const print = printer === null ? {} : { printer: settingsOf(printer), receipt: printer.header };
    await run(async (requestId) => {
      const fields = {
        name,
        specialty,
        blindClose: blind,
        differenceTolerance: parsed.value,
        allowNegativeStock: negative,
        refundApprovalAbove: limit.value,
        noSaleNeedsApproval: noSaleApproval,
        cashRounding: rounding === '' ? null : Number(rounding),
        discountMaxBp: discountBp,
        discountMaxAmount: discountAmount.value,
        requestId,
      };
      if (register !== null) return invoke('registers.update', { id: register.id, ...fields, ...print });
      const created = await invoke('registers.create', { code: code.trim().toUpperCase(), currency, ...fields });
      // A new register's printer is set on it right after (registers.create keeps its own shape); the branch's receipt
      // header is not touched from a new register's form.
      return created.ok && printer !== null ? invoke('registers.update', { id: created.data.register.id, printer: settingsOf(printer), requestId: `${requestId}-print` }) : created;
    }, onSaved);
  };

  return (
    <FormDialog title={register === null ? t.admin.newRegister : t.admin.editRegister(register.code)} testid="register-form" prefix="reg" error={error} busy={busy} onCancel={onCancel} onSubmit={() => void save()}>
      <Field label={t.admin.code}>
        <input className="text-input" value={code} disabled={register !== null} autoFocus={register === null} maxLength={16} data-testid="reg-code" onChange={(e) => setCode(e.target.value.toUpperCase())} />
      </Field>
      <Field label={t.admin.name}>
        <input className="text-input" value={name} autoFocus={register !== null} maxLength={120} data-testid="reg-name" onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t.admin.specialty}>
        <select className="text-input" value={specialty} data-testid="reg-specialty" onChange={(e) => setSpecialty(e.target.value as Specialty)}>
          {SPECIALTIES.map((s) => (
            <option key={s} value={s}>
              {t.specialties[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.admin.currency}>
        <select className="text-input" value={currency} disabled={register !== null} data-testid="reg-currency" onChange={(e) => setCurrency(e.target.value as CurrencyCode)}>
          {CURRENCY_CODES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.admin.tolerance}>
        <input className="text-input" inputMode="decimal" value={tol} data-testid="reg-tolerance" onChange={(e) => setTol(e.target.value)} />
      </Field>
      <CheckField label={t.admin.blindClose} checked={blind} testid="reg-blind" onChange={setBlind} />
      <Field label={t.admin.refundApprovalAbove}>
        <input className="text-input" inputMode="decimal" value={refundAbove} data-testid="reg-refund-above" onChange={(e) => setRefundAbove(e.target.value)} />
        <span className="muted small">{t.admin.refundApprovalHint}</span>
      </Field>
      <Field label={t.admin.discountMaxPercent}>
        <input className="text-input" inputMode="decimal" value={discountPct} data-testid="reg-discount-pct" onChange={(e) => setDiscountPct(e.target.value)} />
      </Field>
      <Field label={t.admin.discountMaxAmount}>
        <input className="text-input" inputMode="decimal" value={discountMax} data-testid="reg-discount-amount" onChange={(e) => setDiscountMax(e.target.value)} />
        <span className="muted small">{t.admin.discountHint}</span>
      </Field>
      <CheckField label={t.admin.allowNegativeStock} checked={negative} testid="reg-negative-stock" onChange={setNegative} />
      <Field label={t.admin.cashRounding}>
        <select className="text-input" value={rounding} data-testid="reg-cash-rounding" onChange={(e) => setRounding(e.target.value)}>
          <option value="">{t.admin.cashRoundingDefault(roundingLabel(cashRoundingFor(currency, null).increment))}</option>
          {cashRoundingChoices(currency).map((inc) => (
            <option key={inc} value={String(inc)}>
              {roundingLabel(inc)}
            </option>
          ))}
        </select>
      </Field>
      <CheckField label={t.admin.noSaleNeedsApproval} checked={noSaleApproval} testid="reg-nosale-approval" onChange={setNoSaleApproval} />
      {printer !== null && <PrinterFields draft={printer} onChange={setPrinter} withHeader={register !== null} />}
    </FormDialog>
  );
}

export function AdminRegisters() {
  const t = useT();
  const { list, error, setError, load, editing, setEditing, formProps } = useAdminList(async () => {
    const r = await invoke('registers.list', { includeInactive: true });
    return r.ok ? { ok: true, data: r.data.registers } : r;
  });

  const remove = async (r: Register) => {
    if (!window.confirm(t.admin.confirmRemove(r.code))) return;
    const reply = await invoke('registers.remove', { id: r.id, requestId: newRequestId() });
    if (!reply.ok) setError(reply.error);
    else setError(null);
    void load();
  };

  return (
    <AdminPage
      screen="admin-registers"
      title={t.admin.registersTitle}
      actions={<NewButton label={t.admin.newRegister} testid="reg-new" onClick={() => setEditing('new')} />}
      form={editing !== null && <RegisterForm register={editing === 'new' ? null : editing} {...formProps} />}
    >
      <ListState error={error} errorTestid="admin-error" loading={list === null} />
      {list !== null && (
        <AdminTable
          testid="registers-table"
          columns={[t.admin.code, t.admin.name, t.admin.specialty, t.admin.currency, t.admin.blindClose, num(t.admin.tolerance), num(t.admin.refundLimit), t.admin.negativeStock, t.common.status]}
        >
          {list.map((r) => (
            <AdminRow key={r.id} active={r.active} testid={`reg-row-${r.code}`}>
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
              <StatusCell active={r.active} />
              <RowActions testid={`reg-edit-${r.code}`} onEdit={() => setEditing(r)}>
                {r.active && (
                  <button type="button" className="btn btn-ghost btn-small danger" onClick={() => void remove(r)} data-testid={`reg-remove-${r.code}`}>
                    {t.common.remove}
                  </button>
                )}
              </RowActions>
            </AdminRow>
          ))}
        </AdminTable>
      )}
    </AdminPage>
  );
}
