// Branches and registers: create a branch, add a register (its one-time enrollment code is shown once), change a
// register's settings, issue a new code, and (OWNER) revoke a register's key. Amounts are typed as text and parsed
// into minor units by the core (src/money), never through a float. An AUDITOR sees the same screen without its forms.
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { CurrencyCode } from '../../src/money/currencies';
import { CURRENCY_CODES } from '../../src/money/currencies';
import { formatMinor, parseAmount } from '../../src/money/money';
import type { BranchRow, Person, RegisterRow } from './api';
import { BranchCreatedSchema, BranchListSchema, CodeSchema, KeysSchema, RegisterCreatedSchema, RegisterListSchema, RegisterSavedSchema, RevokedSchema, call } from './api';
import { useWords } from './words';
import { WORDS, fill, refusalText } from './i18n';
import type { Words } from './i18n';

type Keys = ReadonlyMap<string, number>;
type Refusal = { readonly ok: false; readonly code: string; readonly message: string };
/** What the last action did; `expires` values are ISO instants, shown in the browser's time zone. */
interface Notice {
  readonly kind: 'saved' | 'codeShown' | 'revoked';
  readonly values: Readonly<Record<string, string | number>>;
  readonly code?: string;
}

function noticeText(t: Words, n: Notice): string {
  const expires = n.values['expires'];
  const values = typeof expires === 'string' ? { ...n.values, expires: new Date(expires).toLocaleString(t === WORDS.en ? 'en' : 'es') } : n.values;
  return n.kind === 'saved' ? `${t.saved}: ${String(n.values['what'])}` : fill(t[n.kind], values);
}

export function Branches({ person }: { readonly person: Person }) {
  const t = useWords();
  const canWrite = person.role !== 'AUDITOR';
  const isOwner = person.role === 'OWNER';
  const [branches, setBranches] = useState<BranchRow[] | null>(null);
  const [registers, setRegisters] = useState<RegisterRow[]>([]);
  const [keys, setKeys] = useState<Keys>(new Map());
  // Kept as codes and values, not sentences, so a language switch redraws them too.
  const [error, setError] = useState<Refusal | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const load = useCallback(async () => {
    const [b, r] = await Promise.all([call('GET', '/v1/admin/branches', BranchListSchema), call('GET', '/v1/admin/registers', RegisterListSchema)]);
    if (!b.ok) return setError(b);
    if (!r.ok) return setError(r);
    setBranches(b.data.branches);
    setRegisters(r.data.registers);
    if (isOwner) {
      const k = await call('GET', '/v1/console/keys', KeysSchema);
      if (k.ok) {
        const live = new Map<string, number>();
        for (const key of k.data.keys) if (key.role === 'REGISTER' && key.revokedAt === null) live.set(`${key.branchCode}/${key.registerCode}`, (live.get(`${key.branchCode}/${key.registerCode}`) ?? 0) + 1);
        setKeys(live);
      }
    }
  }, [isOwner]);
  useEffect(() => {
    void load();
  }, [load]);

  const refused = (r: Refusal) => setError(r);
  const errorText = error && refusalText(t, error.code, error.message);

  if (branches === null) return <div className="muted">{errorText ?? t.loading}</div>;
  return (
    <>
      <div className="card-head">
        <h1 className="title">{t.navBranches}</h1>
        {!canWrite && <span className="badge">{t.readOnly}</span>}
      </div>
      <div aria-live="polite">
        {error && (
          <div className="alert" role="alert" data-testid="console-error">
            {errorText}
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setError(null)}>
              ×
            </button>
          </div>
        )}
        {notice && (
          <div className="notice" data-testid="console-notice">
            {noticeText(t, notice)} {notice.code && <div className="console-code" data-testid="enrollment-code">{notice.code}</div>}
          </div>
        )}
      </div>
      {canWrite && (
        <NewBranch
          onDone={(b) => {
            setError(null);
            setNotice({ kind: 'saved', values: { what: b } });
            void load();
          }}
          onRefused={refused}
        />
      )}
      {branches.length === 0 && <p className="muted">{t.none}</p>}
      {branches.map((b) => (
        <section key={b.code} className="card" data-testid={`branch-${b.code}`}>
          <div className="card-head">
            <h2 className="card-title">
              {b.code} · {b.name}
            </h2>
            <span className="muted small">
              {b.timeZone} · {b.currency}
            </span>
          </div>
          <RegisterTable
            branch={b}
            registers={registers.filter((r) => r.branchCode === b.code)}
            keys={keys}
            canWrite={canWrite}
            isOwner={isOwner}
            onNotice={(n) => {
              setError(null);
              setNotice(n);
              void load();
            }}
            onRefused={refused}
          />
          {canWrite && (
            <NewRegister
              branch={b}
              onDone={(code, expiresAt, register) => {
                setError(null);
                setNotice({ kind: 'codeShown', values: { register: `${b.code}/${register}`, expires: expiresAt }, code });
                void load();
              }}
              onRefused={refused}
            />
          )}
        </section>
      ))}
    </>
  );
}

function NewBranch({ onDone, onRefused }: { readonly onDone: (code: string) => void; readonly onRefused: (r: { ok: false; code: string; message: string }) => void }) {
  const t = useWords();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('America/La_Paz');
  const [currency, setCurrency] = useState<CurrencyCode>('BOB');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await call('POST', '/v1/admin/branches', BranchCreatedSchema, { code, name, timeZone, currency });
    if (!r.ok) return onRefused(r);
    setCode('');
    setName('');
    onDone(r.data.branch.code);
  };
  return (
    <form className="card console-form" onSubmit={(e) => void submit(e)} data-testid="new-branch">
      <label>
        {t.code}
        <input className="text-input" data-testid="branch-code" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} required maxLength={16} />
      </label>
      <label>
        {t.name}
        <input className="text-input" data-testid="branch-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        {t.timeZone}
        <input className="text-input" data-testid="branch-tz" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required />
      </label>
      <label>
        {t.currency}
        <select className="text-input" data-testid="branch-currency" value={currency} onChange={(e) => setCurrency(e.target.value as CurrencyCode)}>
          {CURRENCY_CODES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <button className="btn btn-primary" type="submit" data-testid="branch-create">
        {t.newBranch}
      </button>
    </form>
  );
}

function NewRegister({
  branch,
  onDone,
  onRefused,
}: {
  readonly branch: BranchRow;
  readonly onDone: (code: string, expiresAt: string, register: string) => void;
  readonly onRefused: (r: Refusal) => void;
}) {
  const t = useWords();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await call('POST', '/v1/admin/registers', RegisterCreatedSchema, { branchCode: branch.code, code, name });
    if (!r.ok) return onRefused(r);
    setCode('');
    setName('');
    onDone(r.data.code, r.data.expiresAt, r.data.register.code);
  };
  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} data-testid={`new-register-${branch.code}`}>
      <label>
        {t.code}
        <input className="text-input" data-testid={`register-code-${branch.code}`} value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} required maxLength={16} />
      </label>
      <label>
        {t.name}
        <input className="text-input" data-testid={`register-name-${branch.code}`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <span />
      <span />
      <button className="btn btn-primary" type="submit" data-testid={`register-create-${branch.code}`}>
        {t.newRegister}
      </button>
    </form>
  );
}

function RegisterTable(props: {
  readonly branch: BranchRow;
  readonly registers: readonly RegisterRow[];
  readonly keys: Keys;
  readonly canWrite: boolean;
  readonly isOwner: boolean;
  readonly onNotice: (n: Notice) => void;
  readonly onRefused: (r: Refusal) => void;
}) {
  const t = useWords();
  const { branch, registers, canWrite, isOwner } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (registers.length === 0) return <p className="muted">{t.noRegisters}</p>;
  const newCode = async (r: RegisterRow) => {
    const a = await call('POST', `/v1/admin/registers/${encodeURIComponent(branch.code)}/${encodeURIComponent(r.code)}/enrollment-code`, CodeSchema);
    if (!a.ok) return props.onRefused(a);
    props.onNotice({ kind: 'codeShown', values: { register: `${branch.code}/${r.code}`, expires: a.data.expiresAt }, code: a.data.code });
  };
  const revoke = async (r: RegisterRow) => {
    setConfirming(null);
    const a = await call('POST', `/v1/console/registers/${encodeURIComponent(branch.code)}/${encodeURIComponent(r.code)}/revoke-key`, RevokedSchema);
    if (!a.ok) return props.onRefused(a);
    props.onNotice({ kind: 'revoked', values: { n: a.data.revoked } });
  };
  return (
    <table className="table" data-testid={`registers-${branch.code}`}>
      <thead>
        <tr>
          <th>{t.code}</th>
          <th>{t.name}</th>
          <th>{t.blindClose}</th>
          <th className="num">{t.tolerance}</th>
          <th>{t.active}</th>
          {isOwner && <th className="num">{t.liveKeys}</th>}
          <th />
        </tr>
      </thead>
      <tbody>
        {registers.map((r) =>
          editing === r.code ? (
            <tr key={r.code}>
              <td colSpan={isOwner ? 7 : 6}>
                <RegisterSettings
                  branch={branch}
                  register={r}
                  onCancel={() => setEditing(null)}
                  onSaved={() => {
                    setEditing(null);
                    props.onNotice({ kind: 'saved', values: { what: `${branch.code}/${r.code}` } });
                  }}
                  onRefused={props.onRefused}
                />
              </td>
            </tr>
          ) : (
            <tr key={r.code} className={r.active ? '' : 'inactive'} data-testid={`register-row-${branch.code}-${r.code}`}>
              <td className="mono">{r.code}</td>
              <td>{r.name}</td>
              <td>{r.blindClose ? t.yes : t.no}</td>
              <td className="num">{formatMinor(r.differenceTolerance, r.currency)}</td>
              <td>{r.active ? t.yes : t.no}</td>
              {isOwner && <td className="num" data-testid={`register-keys-${r.code}`}>{props.keys.get(`${branch.code}/${r.code}`) ?? 0}</td>}
              <td>
                {canWrite && (
                  <div className="row-actions">
                    <button type="button" className="btn btn-ghost btn-small" data-testid={`register-settings-${r.code}`} onClick={() => setEditing(r.code)}>
                      {t.settings}
                    </button>
                    <button type="button" className="btn btn-ghost btn-small" data-testid={`register-newcode-${r.code}`} onClick={() => void newCode(r)}>
                      {t.newCode}
                    </button>
                    {isOwner &&
                      (confirming === r.code ? (
                        <>
                          <span className="small">{fill(t.revokeConfirm, { register: `${branch.code}/${r.code}` })}</span>
                          <button type="button" className="btn btn-primary btn-small" data-testid={`register-revoke-yes-${r.code}`} onClick={() => void revoke(r)}>
                            {t.revokeKey}
                          </button>
                          <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(null)}>
                            {t.cancel}
                          </button>
                        </>
                      ) : (
                        <button type="button" className="btn btn-ghost btn-small" data-testid={`register-revoke-${r.code}`} onClick={() => setConfirming(r.code)}>
                          {t.revokeKey}
                        </button>
                      ))}
                  </div>
                )}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function RegisterSettings(props: {
  readonly branch: BranchRow;
  readonly register: RegisterRow;
  readonly onCancel: () => void;
  readonly onSaved: () => void;
  readonly onRefused: (r: Refusal) => void;
}) {
  const t = useWords();
  const r = props.register;
  const toText = (minor: number) => formatMinor(minor, r.currency).replace(/^\S+\s/, '');
  const [name, setName] = useState(r.name);
  const [blindClose, setBlindClose] = useState(r.blindClose);
  const [tolerance, setTolerance] = useState(toText(r.differenceTolerance));
  const [refundAbove, setRefundAbove] = useState(toText(r.refundApprovalAbove));
  const [negative, setNegative] = useState(r.allowNegativeStock);
  const [active, setActive] = useState(r.active);
  const [bad, setBad] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const tol = parseAmount(tolerance, r.currency);
    const refund = parseAmount(refundAbove, r.currency);
    if (!tol.ok || !refund.ok) return setBad(true);
    setBad(false);
    const a = await call('POST', `/v1/admin/registers/${encodeURIComponent(props.branch.code)}/${encodeURIComponent(r.code)}`, RegisterSavedSchema, {
      name,
      blindClose,
      differenceTolerance: tol.value,
      refundApprovalAbove: refund.value,
      allowNegativeStock: negative,
      active,
    });
    if (!a.ok) return props.onRefused(a);
    props.onSaved();
  };
  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} data-testid={`settings-${r.code}`}>
      <label>
        {t.name}
        <input className="text-input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        {t.tolerance}
        <input className="text-input" inputMode="decimal" data-testid="settings-tolerance" value={tolerance} onChange={(e) => setTolerance(e.target.value)} aria-invalid={bad} />
      </label>
      <label>
        {t.refundApprovalAbove}
        <input className="text-input" inputMode="decimal" value={refundAbove} onChange={(e) => setRefundAbove(e.target.value)} aria-invalid={bad} />
      </label>
      <div>
        <label className="check">
          <input type="checkbox" data-testid="settings-blind" checked={blindClose} onChange={(e) => setBlindClose(e.target.checked)} /> {t.blindClose}
        </label>
        <label className="check">
          <input type="checkbox" checked={negative} onChange={(e) => setNegative(e.target.checked)} /> {t.allowNegativeStock}
        </label>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t.active}
        </label>
      </div>
      <div className="row-actions">
        {bad && <span className="alert">{t.invalidAmount}</span>}
        <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
          {t.cancel}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="settings-save">
          {t.save}
        </button>
      </div>
    </form>
  );
}
