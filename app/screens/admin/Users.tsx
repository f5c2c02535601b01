// Users for managers and administrators: create, change name, role, PIN (clears a lock-out) and active flag.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import type { Role } from '../../../src/auth/permissions';
import { ROLES, mayAssignRole } from '../../../src/auth/permissions';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { Shell } from '../../components/Shell';
import { type UiError, Dialog, ErrorBox, Kbd, Progress } from '../../components/ui';
import { useT } from '../../i18n';
import { useSession } from '../../stores/session';

type User = CommandOutput<'users.list'>['users'][number];

function UserForm({ user, onSaved, onCancel }: { readonly user: User | null; readonly onSaved: () => void; readonly onCancel: () => void }) {
  const t = useT();
  const me = useSession((s) => s.user);
  const [username, setUsername] = useState(user?.username ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'CASHIER');
  const [pin, setPin] = useState('');
  const [active, setActive] = useState(user?.active ?? true);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const roles = ROLES.filter((r) => me !== null && mayAssignRole(me.role, r));

  const save = async () => {
    if ((user === null || pin !== '') && !/^\d{4,8}$/.test(pin)) return setError({ code: 'VALIDATION_FAILED', message: t.localErrors.PIN_SHORT, local: true });
    setBusy(true);
    const reply =
      user === null
        ? await invoke('users.create', { username: username.trim().toLowerCase(), name, role, pin, requestId: requestId.current })
        : await invoke('users.update', { id: user.id, name, role, active, ...(pin ? { pin } : {}), requestId: requestId.current });
    setBusy(false);
    if (reply.ok) onSaved();
    else {
      setError(reply.error);
      requestId.current = newRequestId();
    }
  };

  return (
    <Dialog title={user === null ? t.admin.newUser : t.admin.editUser(user.username)} testid="user-form" onClose={busy ? null : onCancel}>
      <form
        className="dialog-form form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          <span className="field-label">{t.admin.username}</span>
          <input className="text-input" value={username} disabled={user !== null} autoFocus={user === null} maxLength={40} data-testid="user-username" onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          <span className="field-label">{t.admin.name}</span>
          <input className="text-input" value={name} maxLength={120} autoFocus={user !== null} data-testid="user-name" onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span className="field-label">{t.admin.role}</span>
          <select className="text-input" value={role} data-testid="user-role" onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t.roles[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{user === null ? t.admin.pin : t.admin.pinKeep}</span>
          <input className="text-input" type="password" inputMode="numeric" autoComplete="new-password" value={pin} maxLength={8} data-testid="user-pin" onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </label>
        {user !== null && (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} data-testid="user-active" />
            <span>{t.common.active}</span>
          </label>
        )}
        <div className="span-2">
          <ErrorBox error={error} testid="user-error" />
        </div>
        <div className="dialog-actions span-2">
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t.common.cancel} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="user-save">
            {t.common.save} <Kbd k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function AdminUsers() {
  const t = useT();
  const [list, setList] = useState<readonly User[] | null>(null);
  const [editing, setEditing] = useState<User | null | 'new'>(null);
  const [error, setError] = useState<ReplyError | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('users.list', {});
    if (r.ok) setList(r.data.users);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Shell screen="admin-users">
      <main className="page">
        <div className="page-head">
          <h1 className="title">{t.admin.usersTitle}</h1>
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="user-new">
            + {t.admin.newUser}
          </button>
        </div>
        <ErrorBox error={error} testid="admin-error" />
        {list === null && <Progress label={t.common.loading} />}
        {list !== null && (
          <div className="card">
            <table className="table" data-testid="users-table">
              <thead>
                <tr>
                  <th>{t.admin.username}</th>
                  <th>{t.admin.name}</th>
                  <th>{t.admin.role}</th>
                  <th>{t.common.status}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <tr key={u.id} className={u.active ? '' : 'inactive'} data-testid={`user-row-${u.username}`}>
                    <td className="mono">{u.username}</td>
                    <td>{u.name}</td>
                    <td>{t.roles[u.role]}</td>
                    <td>
                      {u.active ? t.common.active : t.common.inactive}
                      {u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > Date.now() && <span className="badge badge-suspended"> {t.admin.locked}</span>}
                    </td>
                    <td className="row-actions">
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
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
        <UserForm
          user={editing === 'new' ? null : editing}
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
