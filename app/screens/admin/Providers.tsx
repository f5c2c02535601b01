// Banking-agent providers for managers and administrators (`agents:manage`): who they are, which operations each
// allows (cash-in, cash-out, top-up), active or not (agents.saveProvider creates or changes one).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import type { AgentKind } from '../../../src/session/ledger';
import { AGENT_KINDS } from '../../../src/session/ledger';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { Shell } from '../../components/Shell';
import { type UiError, Dialog, ErrorBox, Kbd, Progress } from '../../components/ui';
import { useT } from '../../i18n';

type Provider = CommandOutput<'agents.providers'>['providers'][number];

function ProviderForm({ provider, onSaved, onCancel }: { readonly provider: Provider | null; readonly onSaved: () => void; readonly onCancel: () => void }) {
  const t = useT();
  const [code, setCode] = useState(provider?.code ?? '');
  const [name, setName] = useState(provider?.name ?? '');
  const [kinds, setKinds] = useState<readonly AgentKind[]>(provider?.kinds ?? ['CASH_IN', 'CASH_OUT']);
  const [active, setActive] = useState(provider?.active ?? true);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const save = async () => {
    if (code.trim() === '' || name.trim() === '') return setError({ code: 'VALIDATION_FAILED', message: t.localErrors.REQUIRED, local: true });
    if (kinds.length === 0) return setError({ code: 'VALIDATION_FAILED', message: t.agents.kindsRequired, local: true });
    setBusy(true);
    const reply = await invoke('agents.saveProvider', { code: code.trim().toUpperCase(), name: name.trim(), kinds: [...kinds], active, requestId: requestId.current });
    setBusy(false);
    if (reply.ok) onSaved();
    else {
      setError(reply.error);
      requestId.current = newRequestId();
    }
  };

  return (
    <Dialog title={provider === null ? t.agents.newProvider : t.agents.editProvider(provider.code)} testid="provider-form" onClose={busy ? null : onCancel}>
      <form
        className="dialog-form form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          <span className="field-label">{t.admin.code}</span>
          <input className="text-input" value={code} disabled={provider !== null} autoFocus={provider === null} maxLength={16} data-testid="prov-code" onChange={(e) => setCode(e.target.value.toUpperCase())} />
        </label>
        <label>
          <span className="field-label">{t.admin.name}</span>
          <input className="text-input" value={name} autoFocus={provider !== null} maxLength={120} data-testid="prov-name" onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset className="span-2 kinds-field">
          <legend className="field-label">{t.agents.allowedKinds}</legend>
          {AGENT_KINDS.map((k) => (
            <label key={k} className="check">
              <input
                type="checkbox"
                checked={kinds.includes(k)}
                data-testid={`prov-kind-${k}`}
                onChange={(e) => setKinds((ks) => (e.target.checked ? AGENT_KINDS.filter((x) => x === k || ks.includes(x)) : ks.filter((x) => x !== k)))}
              />
              <span>{t.agents.kinds[k]}</span>
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={active} data-testid="prov-active" onChange={(e) => setActive(e.target.checked)} />
          <span>{t.common.active}</span>
        </label>
        <div className="span-2">
          <ErrorBox error={error} testid="prov-error" />
        </div>
        <div className="dialog-actions span-2">
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t.common.cancel} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="prov-save">
            {t.common.save} <Kbd k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The agent providers: who they are and which operations each allows. */
export function AdminProviders() {
  const t = useT();
  const [list, setList] = useState<readonly Provider[] | null>(null);
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [error, setError] = useState<ReplyError | null>(null);
  const load = useCallback(async () => {
    const r = await invoke('agents.providers', { includeInactive: true });
    if (r.ok) setList(r.data.providers);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Shell screen="admin-providers">
      <main className="page" data-testid="providers">
        <div className="page-head">
          <h1 className="title">{t.agents.providersTitle}</h1>
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="prov-new">
            + {t.agents.newProvider}
          </button>
        </div>
        <ErrorBox error={error} testid="prov-list-error" />
        {list === null && error === null && <Progress label={t.common.loading} />}
        {list !== null && (
          <div className="card">
            <table className="table" data-testid="providers-table">
              <thead>
                <tr>
                  <th>{t.admin.code}</th>
                  <th>{t.admin.name}</th>
                  <th>{t.agents.allowedKinds}</th>
                  <th>{t.common.status}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.code} className={p.active ? '' : 'inactive'} data-testid={`prov-row-${p.code}`}>
                    <td className="mono">{p.code}</td>
                    <td>{p.name}</td>
                    <td>{p.kinds.map((k) => t.agents.kinds[k]).join(' · ')}</td>
                    <td>{p.active ? t.common.active : t.common.inactive}</td>
                    <td className="row-actions">
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(p)} data-testid={`prov-edit-${p.code}`}>
                        {t.common.edit}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </main>
      {editing !== null && (
        <ProviderForm
          provider={editing === 'new' ? null : editing}
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
