// Banking-agent providers for managers and administrators (`agents:manage`): who they are, which operations each
// allows (cash-in, cash-out, top-up), active or not (agents.saveProvider creates or changes one).
import { useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import type { AgentKind } from '../../../src/session/ledger';
import { AGENT_KINDS } from '../../../src/session/ledger';
import { invoke } from '../../api';
import { AdminPage, AdminRow, AdminTable, CheckField, Field, FormDialog, ListState, NewButton, RowActions, StatusCell, useAdminList, useFormSave } from './kit';
import { useT } from '../../i18n';

type Provider = CommandOutput<'agents.providers'>['providers'][number];

function ProviderForm({ provider, onSaved, onCancel }: { readonly provider: Provider | null; readonly onSaved: () => void; readonly onCancel: () => void }) {
  const t = useT();
  const [code, setCode] = useState(provider?.code ?? '');
  const [name, setName] = useState(provider?.name ?? '');
  const [kinds, setKinds] = useState<readonly AgentKind[]>(provider?.kinds ?? ['CASH_IN', 'CASH_OUT']);
  const [active, setActive] = useState(provider?.active ?? true);
  const { error, busy, invalid, run } = useFormSave();

  const save = async () => {
    if (code.trim() === '' || name.trim() === '') return invalid(t.localErrors.REQUIRED);
    if (kinds.length === 0) return invalid(t.agents.kindsRequired);
    await run((requestId) => invoke('agents.saveProvider', { code: code.trim().toUpperCase(), name: name.trim(), kinds: [...kinds], active, requestId }), onSaved);
  };

  return (
    <FormDialog title={provider === null ? t.agents.newProvider : t.agents.editProvider(provider.code)} testid="provider-form" prefix="prov" error={error} busy={busy} onCancel={onCancel} onSubmit={() => void save()}>
      <Field label={t.admin.code}>
        <input className="text-input" value={code} disabled={provider !== null} autoFocus={provider === null} maxLength={16} data-testid="prov-code" onChange={(e) => setCode(e.target.value.toUpperCase())} />
      </Field>
      <Field label={t.admin.name}>
        <input className="text-input" value={name} autoFocus={provider !== null} maxLength={120} data-testid="prov-name" onChange={(e) => setName(e.target.value)} />
      </Field>
      <fieldset className="span-2 kinds-field">
        <legend className="field-label">{t.agents.allowedKinds}</legend>
        {AGENT_KINDS.map((k) => (
          <CheckField
            key={k}
            label={t.agents.kinds[k]}
            checked={kinds.includes(k)}
            testid={`prov-kind-${k}`}
            onChange={(checked) => setKinds((ks) => (checked ? AGENT_KINDS.filter((x) => x === k || ks.includes(x)) : ks.filter((x) => x !== k)))}
          />
        ))}
      </fieldset>
      <CheckField label={t.common.active} checked={active} testid="prov-active" onChange={setActive} />
    </FormDialog>
  );
}

/** The agent providers: who they are and which operations each allows. */
export function AdminProviders() {
  const t = useT();
  const { list, error, editing, setEditing, formProps } = useAdminList(async () => {
    const r = await invoke('agents.providers', { includeInactive: true });
    return r.ok ? { ok: true, data: r.data.providers } : r;
  });
  return (
    <AdminPage
      screen="admin-providers"
      title={t.agents.providersTitle}
      testid="providers"
      actions={<NewButton label={t.agents.newProvider} testid="prov-new" onClick={() => setEditing('new')} />}
      form={editing !== null && <ProviderForm provider={editing === 'new' ? null : editing} {...formProps} />}
    >
      <ListState error={error} errorTestid="prov-list-error" loading={list === null && error === null} />
      {list !== null && (
        <AdminTable testid="providers-table" columns={[t.admin.code, t.admin.name, t.agents.allowedKinds, t.common.status]}>
          {list.map((p) => (
            <AdminRow key={p.code} active={p.active} testid={`prov-row-${p.code}`}>
              <td className="mono">{p.code}</td>
              <td>{p.name}</td>
              <td>{p.kinds.map((k) => t.agents.kinds[k]).join(' · ')}</td>
              <StatusCell active={p.active} />
              <RowActions testid={`prov-edit-${p.code}`} onEdit={() => setEditing(p)} />
            </AdminRow>
          ))}
        </AdminTable>
      )}
    </AdminPage>
  );
}
