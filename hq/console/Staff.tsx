// Staff: the registers' users by branch (or chain-wide): create one with a PIN typed twice, change a role, change a
// PIN (typed twice), deactivate and reactivate. A PIN is checked here by the register's own rule (src/auth/pin-policy)
// so a trivial one is refused before it leaves the browser, and HQ checks it again. An AUDITOR sees the list only.
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Role } from '../../src/auth/permissions';
import { ROLES } from '../../src/auth/permissions';
import { pinProblem } from '../../src/auth/pin-policy';
import type { BranchRow, Person, UserRow } from './api';
import { BranchListSchema, UserListSchema, UserSavedSchema, call } from './api';
import type { Feedback } from './feedback';
import { FeedbackView, ScreenHead, useFeedback } from './feedback';
import type { Words } from './i18n';
import { useWords } from './words';

/** Why two typed PINs cannot be saved (the words' key), or null. */
function pinTrouble(pin: string, again: string): 'pinMismatch' | 'pinFormat' | 'pinTrivial' | null {
  if (pin !== again) return 'pinMismatch';
  switch (pinProblem(pin)) {
    case null:
      return null;
    case 'PIN_FORMAT':
      return 'pinFormat';
    case 'PIN_TRIVIAL':
      return 'pinTrivial';
  }
}

const roleName = (t: Words, role: Role): string => t[`userRole${role}`];

export function Staff({ person }: { readonly person: Person }) {
  const t = useWords();
  const canWrite = person.role !== 'AUDITOR';
  const fb = useFeedback();
  const [branches, setBranches] = useState<BranchRow[]>([]);
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [filter, setFilter] = useState<string>('*');
  const load = useCallback(async () => {
    const [b, u] = await Promise.all([call('GET', '/v1/admin/branches', BranchListSchema), call('GET', '/v1/admin/users', UserListSchema)]);
    if (!b.ok) return fb.refused(b);
    if (!u.ok) return fb.refused(u);
    setBranches(b.data.branches);
    setUsers(u.data.users);
    // fb is a fresh object each render, but its setters are stable: load once.
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const shown = (users ?? []).filter((u) => filter === '*' || (filter === '' ? u.branchCode === null : u.branchCode === filter));
  return (
    <>
      <ScreenHead title={t.staffTitle} readOnly={!canWrite} />
      <FeedbackView fb={fb} />
      {canWrite && <NewUser branches={branches} fb={fb} onDone={() => void load()} />}
      <section className="card">
        <div className="card-head">
          <h2 className="card-title">{t.navStaff}</h2>
          <label className="inline-label">
            {t.branch}{' '}
            <select className="text-input" data-testid="staff-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
              <option value="*">{t.allBranches}</option>
              <option value="">{t.chainWide}</option>
              {branches.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.code} · {b.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {users === null ? (
          <p className="muted">{t.loading}</p>
        ) : shown.length === 0 ? (
          <p className="muted">{t.noUsers}</p>
        ) : (
          <table className="table" data-testid="staff-table">
            <thead>
              <tr>
                <th>{t.username}</th>
                <th>{t.name}</th>
                <th>{t.role}</th>
                <th>{t.branch}</th>
                <th>{t.active}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <UserLine key={u.username} user={u} canWrite={canWrite} fb={fb} onDone={() => void load()} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function NewUser({ branches, fb, onDone }: { readonly branches: readonly BranchRow[]; readonly fb: Feedback; readonly onDone: () => void }) {
  const t = useWords();
  const [branchCode, setBranchCode] = useState('');
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('CASHIER');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [trouble, setTrouble] = useState<ReturnType<typeof pinTrouble>>(null);
  const branch = branchCode || branches[0]?.code || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = pinTrouble(pin, again);
    setTrouble(problem);
    if (problem) return;
    const r = await call('POST', '/v1/admin/users', UserSavedSchema, { branchCode: branch === '*' ? null : branch, username, name, role, pin });
    setPin('');
    setAgain('');
    if (!r.ok) return fb.refused(r);
    setUsername('');
    setName('');
    fb.done('savedWhat', { what: r.data.user.username });
    onDone();
  };
  return (
    <form className="card console-form" onSubmit={(e) => void submit(e)} data-testid="new-user">
      <label>
        {t.branch}
        <select className="text-input" data-testid="user-branch" value={branch} onChange={(e) => setBranchCode(e.target.value)}>
          {branches.map((b) => (
            <option key={b.code} value={b.code}>
              {b.code} · {b.name}
            </option>
          ))}
          <option value="*">{t.chainWide}</option>
        </select>
      </label>
      <label>
        {t.username}
        <input className="text-input" data-testid="user-username" value={username} onChange={(e) => setUsername(e.target.value.toLowerCase())} required maxLength={40} autoComplete="off" />
      </label>
      <label>
        {t.name}
        <input className="text-input" data-testid="user-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        {t.role}
        <select className="text-input" data-testid="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(t, r)}
            </option>
          ))}
        </select>
      </label>
      <span />
      <PinPair pin={pin} again={again} setPin={setPin} setAgain={setAgain} trouble={trouble} prefix="user" />
      <span />
      <button className="btn btn-primary" type="submit" data-testid="user-create">
        {t.newUser}
      </button>
    </form>
  );
}

function PinPair(props: { readonly pin: string; readonly again: string; readonly setPin: (v: string) => void; readonly setAgain: (v: string) => void; readonly trouble: ReturnType<typeof pinTrouble>; readonly prefix: string }) {
  const t = useWords();
  const digits = (v: string) => v.replace(/\D/g, '').slice(0, 8);
  return (
    <>
      <label>
        {t.pin}
        <input className="text-input" type="password" inputMode="numeric" autoComplete="new-password" data-testid={`${props.prefix}-pin`} value={props.pin} onChange={(e) => props.setPin(digits(e.target.value))} required aria-invalid={props.trouble !== null} />
      </label>
      <label>
        {t.pinAgain}
        <input className="text-input" type="password" inputMode="numeric" autoComplete="new-password" data-testid={`${props.prefix}-pin-again`} value={props.again} onChange={(e) => props.setAgain(digits(e.target.value))} required aria-invalid={props.trouble !== null} />
      </label>
      <span className="alert-inline" role={props.trouble ? 'alert' : undefined} data-testid={`${props.prefix}-pin-trouble`}>
        {props.trouble ? t[props.trouble] : ''}
      </span>
    </>
  );
}

function UserLine({ user, canWrite, fb, onDone }: { readonly user: UserRow; readonly canWrite: boolean; readonly fb: Feedback; readonly onDone: () => void }) {
  const t = useWords();
  const [mode, setMode] = useState<'view' | 'pin' | 'role'>('view');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [trouble, setTrouble] = useState<ReturnType<typeof pinTrouble>>(null);
  const [role, setRole] = useState<Role>(user.role);
  const path = `/v1/admin/users/${encodeURIComponent(user.username)}`;
  const after = (r: Awaited<ReturnType<typeof call<typeof UserSavedSchema>>>, key: 'pinSaved' | 'savedWhat') => {
    if (!r.ok) return fb.refused(r);
    setMode('view');
    fb.done(key, { what: user.username });
    onDone();
  };
  const savePin = async (e: FormEvent) => {
    e.preventDefault();
    const problem = pinTrouble(pin, again);
    setTrouble(problem);
    if (problem) return;
    const r = await call('POST', `${path}/pin`, UserSavedSchema, { pin });
    setPin('');
    setAgain('');
    after(r, 'pinSaved');
  };
  const saveRole = async (e: FormEvent) => {
    e.preventDefault();
    after(await call('POST', path, UserSavedSchema, { role }), 'savedWhat');
  };
  const setActive = async (active: boolean) => after(await call('POST', active ? path : `${path}/deactivate`, UserSavedSchema, active ? { active: true } : undefined), 'savedWhat');
  return (
    <>
      <tr className={user.active ? '' : 'inactive'} data-testid={`user-row-${user.username}`}>
        <td className="mono">{user.username}</td>
        <td>{user.name}</td>
        <td>{roleName(t, user.role)}</td>
        <td>{user.branchCode ?? t.chainWide}</td>
        <td>{user.active ? t.yes : t.no}</td>
        <td>
          {canWrite && (
            <div className="row-actions">
              <button type="button" className="btn btn-ghost btn-small" data-testid={`user-role-${user.username}`} onClick={() => setMode(mode === 'role' ? 'view' : 'role')}>
                {t.changeRole}
              </button>
              <button type="button" className="btn btn-ghost btn-small" data-testid={`user-pin-${user.username}`} onClick={() => setMode(mode === 'pin' ? 'view' : 'pin')}>
                {t.resetPin}
              </button>
              {user.active ? (
                <button type="button" className="btn btn-ghost btn-small" data-testid={`user-deactivate-${user.username}`} onClick={() => void setActive(false)}>
                  {t.deactivate}
                </button>
              ) : (
                <button type="button" className="btn btn-ghost btn-small" data-testid={`user-reactivate-${user.username}`} onClick={() => void setActive(true)}>
                  {t.reactivate}
                </button>
              )}
            </div>
          )}
        </td>
      </tr>
      {mode !== 'view' && (
        <tr>
          <td colSpan={6}>
            {mode === 'pin' ? (
              <form className="console-form" onSubmit={(e) => void savePin(e)} data-testid={`pin-form-${user.username}`}>
                <PinPair pin={pin} again={again} setPin={setPin} setAgain={setAgain} trouble={trouble} prefix="reset" />
                <span />
                <button className="btn btn-primary" type="submit" data-testid="reset-pin-save">
                  {t.save}
                </button>
              </form>
            ) : (
              <form className="console-form" onSubmit={(e) => void saveRole(e)} data-testid={`role-form-${user.username}`}>
                <label>
                  {t.role}
                  <select className="text-input" data-testid="role-select" value={role} onChange={(e) => setRole(e.target.value as Role)} autoFocus>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleName(t, r)}
                      </option>
                    ))}
                  </select>
                </label>
                <span />
                <span />
                <span />
                <button className="btn btn-primary" type="submit" data-testid="role-save">
                  {t.save}
                </button>
              </form>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
