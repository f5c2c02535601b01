// Cash sessions with filters (register, user, status, dates) and pages. Without cash:view_all only one's own.
import { useCallback, useEffect, useState } from 'react';
import type { CommandInput, CommandOutput, ReplyError } from '../../../src/contract';
import { SESSION_STATUSES } from '../../../src/session/state';
import type { SessionStatus } from '../../../src/session/state';
import { invoke } from '../../api';
import { Shell } from '../../components/Shell';
import { ErrorBox, Pager, Progress, useCursors } from '../../components/ui';
import { useT } from '../../i18n';
import { useNav } from '../../stores/nav';
import { useSession } from '../../stores/session';
import { SessionTable } from './Daily';

type Page = CommandOutput<'cash.sessions'>;
type Register = CommandOutput<'registers.list'>['registers'][number];
type User = CommandOutput<'users.list'>['users'][number];

export function Sessions() {
  const t = useT();
  const go = useNav((s) => s.go);
  const viewAll = useSession((s) => s.user?.permissions.includes('cash:view_all') ?? false);
  const [registers, setRegisters] = useState<readonly Register[]>([]);
  const [users, setUsers] = useState<readonly User[]>([]);
  const [registerId, setRegisterId] = useState('');
  const [userId, setUserId] = useState('');
  const [status, setStatus] = useState<SessionStatus | ''>('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [page, setPage] = useState(1);
  const cursors = useCursors();
  const [data, setData] = useState<Page | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);

  useEffect(() => {
    void invoke('registers.list', { includeInactive: true }).then((r) => r.ok && setRegisters(r.data.registers));
    if (viewAll) void invoke('users.list', {}).then((r) => r.ok && setUsers(r.data.users));
  }, [viewAll]);

  const load = useCallback(
    async (p: number) => {
      setLoading(true);
      setError(null);
      const cursor = cursors.cursorOf(p);
      const input: CommandInput<'cash.sessions'> = {
        pageSize: 12,
        ...(cursor ? { cursor } : {}),
        ...(registerId ? { registerId } : {}),
        ...(userId ? { userId } : {}),
        ...(status ? { status } : {}),
        ...(dateFrom ? { dateFrom } : {}),
        ...(dateTo ? { dateTo } : {}),
      };
      const r = await invoke('cash.sessions', input);
      setLoading(false);
      if (r.ok) {
        cursors.seen(p, r.data.pagination);
        setData(r.data);
        setPage(p);
      } else setError(r.error);
    },
    [registerId, userId, status, dateFrom, dateTo, cursors],
  );

  useEffect(() => {
    void load(1);
  }, [load]);

  return (
    <Shell screen="sessions">
      <main className="page">
        <div className="page-head">
          <h1 className="title">{t.sessions.title}</h1>
          {data !== null && <span className="muted">{t.common.results(data.pagination.total, data.pagination.totalCapped)}</span>}
        </div>
        <form
          className="filters card"
          onSubmit={(e) => {
            e.preventDefault();
            void load(1);
          }}
        >
          <label>
            <span className="field-label">{t.sessions.register}</span>
            <select className="text-input" value={registerId} data-testid="filter-register" onChange={(e) => setRegisterId(e.target.value)}>
              <option value="">{t.common.all}</option>
              {registers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.code} · {r.name}
                </option>
              ))}
            </select>
          </label>
          {viewAll && (
            <label>
              <span className="field-label">{t.common.user}</span>
              <select className="text-input" value={userId} data-testid="filter-user" onChange={(e) => setUserId(e.target.value)}>
                <option value="">{t.common.all}</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            <span className="field-label">{t.common.status}</span>
            <select className="text-input" value={status} data-testid="filter-status" onChange={(e) => setStatus(e.target.value as SessionStatus | '')}>
              <option value="">{t.common.all}</option>
              {SESSION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t.sessionStatus[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="field-label">{t.common.from}</span>
            <input type="date" className="text-input" value={dateFrom} data-testid="filter-from" onChange={(e) => setDateFrom(e.target.value)} />
          </label>
          <label>
            <span className="field-label">{t.common.to}</span>
            <input type="date" className="text-input" value={dateTo} data-testid="filter-to" onChange={(e) => setDateTo(e.target.value)} />
          </label>
        </form>
        <ErrorBox error={error} testid="sessions-error" />
        {loading && <Progress label={t.common.loading} />}
        {data !== null && (
          <div className="card">
            {data.sessions.length === 0 ? <p className="muted">{t.sessions.empty}</p> : <SessionTable sessions={data.sessions} t={t} onOpen={(id) => go({ name: 'report', sessionId: id })} />}
            <Pager page={page} pagination={data.pagination} onPage={(p) => void load(p)} />
          </div>
        )}
      </main>
    </Shell>
  );
}
