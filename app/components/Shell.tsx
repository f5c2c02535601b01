// The frame of every signed-in screen: brand, the screens this user may reach, the sync badge, language, user.
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useT } from '../i18n';
import type { Screen } from '../stores/nav';
import { useNav } from '../stores/nav';
import { useSession } from '../stores/session';
import { useSync } from '../stores/sync';
import { Brand, LanguageSwitch } from './Brand';
import { SignOutButton } from './SignOut';

const POLL_MS = 15_000;
const CATALOG_POLL_MS = 2_000;

export function SyncBadge() {
  const t = useT();
  const status = useSync((s) => s.status);
  const refresh = useSync((s) => s.refresh);
  const user = useSession((s) => s.user);
  const go = useNav((s) => s.go);
  // A catalog pull under way (an enrolled register behind HQ's head): its percentage, refreshed more often.
  const master = status?.master ?? null;
  const catalog = master !== null && master.head > master.version ? Math.floor((master.version / master.head) * 100) : null;
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), catalog === null ? POLL_MS : CATALOG_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh, catalog === null]); // re-armed only when a pull starts or ends, not at every percent
  if (status === null) return null;
  const kind = status.rejected > 0 ? 'bad' : status.pending > 0 || catalog !== null ? 'warn' : 'ok';
  const label =
    status.rejected > 0
      ? t.sync.badgeRejected(status.rejected)
      : catalog !== null
        ? t.sync.badgeCatalog(catalog)
        : status.pending > 0
          ? t.sync.badgePending(status.pending)
          : status.configured
            ? t.sync.badgeOk
            : t.sync.notConfigured;
  const title = [
    `${t.sync.pending}: ${status.pending} · ${t.sync.sent}: ${status.sent} · ${t.sync.rejected}: ${status.rejected}`,
    status.lastError ? `${t.sync.lastError}: ${status.lastError.message} (${status.lastError.attempts})` : null,
  ]
    .filter(Boolean)
    .join('\n');
  const manager = user?.permissions.includes('cash:report_all') ?? false;
  return (
    <button
      type="button"
      className={`sync-badge sync-${kind}`}
      title={title}
      data-testid="sync-badge"
      data-pending={status.pending}
      data-sent={status.sent}
      data-rejected={status.rejected}
      onClick={manager ? () => go({ name: 'sync' }) : undefined}
      tabIndex={manager ? 0 : -1}
    >
      <span className="sync-dot" aria-hidden="true" />
      {label}
      {status.lastError !== null && <span className="sync-err">!</span>}
    </button>
  );
}

interface NavItem {
  readonly screen: Screen;
  readonly label: string;
  readonly show: boolean;
}

export function Shell({ children, screen, className = '' }: { readonly children: ReactNode; readonly screen: string; readonly className?: string }) {
  const t = useT();
  const user = useSession((s) => s.user);
  const cash = useSession((s) => s.cash);
  const specialty = useSession((s) => s.cash?.session?.specialty ?? null);
  const current = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  if (user === null) return null;
  const has = (p: Parameters<typeof user.permissions.includes>[0]) => user.permissions.includes(p);
  const open = cash?.session?.status === 'OPEN';
  const items: NavItem[] = [
    { screen: { name: 'home' }, label: t.nav.home, show: true },
    { screen: { name: 'sell' }, label: t.nav.sell, show: open && specialty !== 'AGENTS_ONLY' },
    { screen: { name: 'agents' }, label: t.nav.agents, show: open && (specialty === 'AGENTS_ONLY' || specialty === 'MIXED') },
    { screen: { name: 'sessions' }, label: t.nav.sessions, show: true },
    { screen: { name: 'daily' }, label: t.nav.daily, show: has('cash:report_all') },
    { screen: { name: 'sync' }, label: t.nav.sync, show: has('cash:report_all') },
    { screen: { name: 'admin-registers' }, label: t.nav.registers, show: has('registers:manage') },
    { screen: { name: 'admin-users' }, label: t.nav.users, show: has('users:manage') },
    { screen: { name: 'admin-products' }, label: t.nav.products, show: has('products:manage') },
    { screen: { name: 'admin-providers' }, label: t.nav.providers, show: has('agents:manage') },
    { screen: { name: 'admin-backups' }, label: t.backup.nav, show: has('store:backup') },
  ];
  return (
    <div className={`screen ${className}`} data-testid={`${screen}-screen`}>
      <header className="topbar">
        <Brand compact />
        <nav className="nav" aria-label="Menu">
          {items
            .filter((i) => i.show)
            .map((i) => (
              <button
                key={i.screen.name}
                type="button"
                className={current?.name === i.screen.name ? 'nav-btn active' : 'nav-btn'}
                aria-current={current?.name === i.screen.name ? 'page' : undefined}
                data-testid={`nav-${i.screen.name}`}
                onClick={() => go(i.screen)}
              >
                {i.label}
              </button>
            ))}
        </nav>
        <div className="topbar-right">
          <SyncBadge />
          <LanguageSwitch />
          <div className="who" data-testid="current-user">
            <span className="who-name">{user.name}</span>
            <span className="who-role">{t.roles[user.role]}</span>
          </div>
          <SignOutButton />
        </div>
      </header>
      {children}
    </div>
  );
}
