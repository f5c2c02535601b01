// Agent providers (mobile wallets, top-ups): the chain's list, and a form that creates one or replaces it by code
// (name, the operations it offers, active). Registers receive them at their next pull. An AUDITOR sees the list only.
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { AgentKind } from '../../src/session/movements';
import { AGENT_KINDS } from '../../src/session/movements';
import type { Person, ProviderRow } from './api';
import { ProviderListSchema, ProviderSavedSchema, call } from './api';
import { FeedbackView, ScreenHead, useFeedback } from './feedback';
import { useWords } from './words';

export function Providers({ person }: { readonly person: Person }) {
  const t = useWords();
  const canWrite = person.role !== 'AUDITOR';
  const fb = useFeedback();
  const [providers, setProviders] = useState<ProviderRow[] | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kinds, setKinds] = useState<readonly AgentKind[]>(['CASH_IN', 'CASH_OUT']);
  const [active, setActive] = useState(true);
  const load = useCallback(async () => {
    const r = await call('GET', '/v1/admin/providers', ProviderListSchema);
    if (!r.ok) return fb.refused(r);
    setProviders(r.data.providers);
    // fb's setters are stable: load once.
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const edit = (p: ProviderRow) => {
    setCode(p.code);
    setName(p.name);
    setKinds(p.kinds);
    setActive(p.active);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await call('POST', '/v1/admin/providers', ProviderSavedSchema, { code, name, kinds, active });
    if (!r.ok) return fb.refused(r);
    fb.done('savedWhat', { what: r.data.provider.code });
    setCode('');
    setName('');
    void load();
  };
  const toggle = (k: AgentKind, on: boolean) => setKinds(on ? AGENT_KINDS.filter((x) => x === k || kinds.includes(x)) : kinds.filter((x) => x !== k));
  return (
    <>
      <ScreenHead title={t.providersTitle} readOnly={!canWrite} />
      <FeedbackView fb={fb} />
      {canWrite && (
        <form className="card console-form" onSubmit={(e) => void submit(e)} data-testid="provider-form">
          <label>
            {t.code}
            <input className="text-input" data-testid="provider-code" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} required maxLength={16} />
          </label>
          <label>
            {t.name}
            <input className="text-input" data-testid="provider-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
          </label>
          <fieldset className="console-fieldset">
            <legend>{t.kinds}</legend>
            {AGENT_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="checkbox" data-testid={`provider-kind-${k}`} checked={kinds.includes(k)} onChange={(e) => toggle(k, e.target.checked)} /> {t[`kind${k}`]}
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input type="checkbox" data-testid="provider-active" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t.active}
          </label>
          <button className="btn btn-primary" type="submit" data-testid="provider-save" disabled={kinds.length === 0}>
            {t.saveProvider}
          </button>
        </form>
      )}
      <section className="card">
        {providers === null ? (
          <p className="muted">{t.loading}</p>
        ) : providers.length === 0 ? (
          <p className="muted">{t.noProviders}</p>
        ) : (
          <table className="table" data-testid="providers-table">
            <thead>
              <tr>
                <th>{t.code}</th>
                <th>{t.name}</th>
                <th>{t.kinds}</th>
                <th>{t.active}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {providers.map((p) => (
                <tr key={p.code} className={p.active ? '' : 'inactive'} data-testid={`provider-row-${p.code}`}>
                  <td className="mono">{p.code}</td>
                  <td>{p.name}</td>
                  <td>{p.kinds.map((k) => t[`kind${k}`]).join(', ')}</td>
                  <td>{p.active ? t.yes : t.no}</td>
                  <td>
                    {canWrite && (
                      <div className="row-actions">
                        <button type="button" className="btn btn-ghost btn-small" data-testid={`provider-edit-${p.code}`} onClick={() => edit(p)}>
                          {t.edit}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
