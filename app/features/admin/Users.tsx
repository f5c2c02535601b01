// Users for managers and administrators: create, change name, role, PIN (clears a lock-out) and active flag.
import { useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import type { Role } from '../../../src/auth/permissions';
import { ROLES, mayAssignRole } from '../../../src/auth/permissions';
import { invoke } from '../../api';
import { AdminPage, AdminRow, AdminTable, CheckField, Field, FormDialog, ListState, NewButton, RowActions, StatusCell, useAdminList, useFormSave } from './kit';
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
  const { error, busy, invalid, run } = useFormSave();
  const roles = ROLES.filter((r) => me !== null && mayAssignRole(me.role, r));

  const save = async () => {
    if ((user === null || pin !== '') && !/^\d{4,8}$/.test(pin)) return invalid(t.localErrors.PIN_SHORT);
    await run(
      (requestId) =>
        user === null
          ? invoke('users.create', { username: username.trim().toLowerCase(), name, role, pin, requestId })
          : invoke('users.update', { id: user.id, name, role, active, ...(pin ? { pin } : {}), requestId }),
      onSaved,
    );
  };

  return (
    <FormDialog title={user === null ? t.admin.newUser : t.admin.editUser(user.username)} testid="user-form" prefix="user" error={error} busy={busy} onCancel={onCancel} onSubmit={() => void save()}>
      <Field label={t.admin.username}>
        <input className="text-input" value={username} disabled={user !== null} autoFocus={user === null} maxLength={40} data-testid="user-username" onChange={(e) => setUsername(e.target.value)} />
      </Field>
      <Field label={t.admin.name}>
        <input className="text-input" value={name} maxLength={120} autoFocus={user !== null} data-testid="user-name" onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t.admin.role}>
        <select className="text-input" value={role} data-testid="user-role" onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t.roles[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={user === null ? t.admin.pin : t.admin.pinKeep}>
        <input className="text-input" type="password" inputMode="numeric" autoComplete="new-password" value={pin} maxLength={8} data-testid="user-pin" onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      </Field>
      {user !== null && <CheckField label={t.common.active} checked={active} testid="user-active" onChange={setActive} />}
    </FormDialog>
  );
}

export function AdminUsers() {
  const t = useT();
  const { list, error, editing, setEditing, formProps } = useAdminList(async () => {
    const r = await invoke('users.list', {});
    return r.ok ? { ok: true, data: r.data.users } : r;
  });

  return (
    <AdminPage
      screen="admin-users"
      title={t.admin.usersTitle}
      actions={<NewButton label={t.admin.newUser} testid="user-new" onClick={() => setEditing('new')} />}
      form={editing !== null && <UserForm user={editing === 'new' ? null : editing} {...formProps} />}
    >
      <ListState error={error} errorTestid="admin-error" loading={list === null} />
      {list !== null && (
        <AdminTable testid="users-table" columns={[t.admin.username, t.admin.name, t.admin.role, t.common.status]}>
          {list.map((u) => (
            <AdminRow key={u.id} active={u.active} testid={`user-row-${u.username}`}>
              <td className="mono">{u.username}</td>
              <td>{u.name}</td>
              <td>{t.roles[u.role]}</td>
              <StatusCell active={u.active}>
                {u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > Date.now() && <span className="badge badge-suspended"> {t.admin.locked}</span>}
                {u.approvalPinFailures && (
                  <span className="badge badge-suspended" data-testid={`user-approval-failures-${u.username}`} title={u.approvalPinFailures.requesters.join(', ')}>
                    {' '}
                    {t.admin.approvalPinFailures(u.approvalPinFailures.count, u.approvalPinFailures.requesters.join(', '))}
                  </span>
                )}
              </StatusCell>
              <RowActions testid={`user-edit-${u.username}`} onEdit={() => setEditing(u)} />
            </AdminRow>
          ))}
        </AdminTable>
      )}
    </AdminPage>
  );
}
