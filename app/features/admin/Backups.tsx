// The administrator's backups: the folder and how many to keep, the last backup's time and size (or its last error),
// "Copia ahora", and restoring a backup file after a confirmation. A successful restore signs everyone out (the
// engine revokes every sign-in), so the screen returns to the sign-in with what happened.
import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import { newRequestId, signOut } from '../../actions';
import { invoke } from '../../api';
import { Dialog, ErrorBox, Kbd } from '../../components/ui';
import type { UiError } from '../../components/ui';
import { useT } from '../../i18n';
import { RestoreError } from '../setup/Setup';
import { AdminPage, Field } from './kit';

type Status = CommandOutput<'backup.status'>;

/** Bytes as the admin reads them: "812 KB", "3,4 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

export function AdminBackups() {
  const t = useT();
  const [status, setStatus] = useState<Status | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [folder, setFolder] = useState('');
  const [keep, setKeep] = useState('14');
  const [settingsError, setSettingsError] = useState<UiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [nowError, setNowError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [restorePath, setRestorePath] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [restoreError, setRestoreError] = useState<UiError | null>(null);

  const load = useCallback(() => {
    void invoke('backup.status', {}).then((reply) => {
      if (!reply.ok) {
        setLoadError(reply.error);
        return;
      }
      setStatus(reply.data);
      setFolder((f) => f || (reply.data.folder ?? ''));
      setKeep(String(reply.data.keep));
    });
  }, []);
  useEffect(load, [load]);

  const when = (iso: string) => new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  const saveSettings = async () => {
    setSettingsError(null);
    setMessage(null);
    const n = Number(keep);
    if (!/^\d{1,3}$/.test(keep.trim()) || n < 1 || n > 365) {
      setSettingsError({ code: 'VALIDATION_FAILED', message: `${t.backup.keep}: 1–365`, local: true });
      return;
    }
    setBusy(true);
    const reply = await invoke('backup.configure', { folder: folder.trim(), keep: n, requestId: newRequestId() });
    setBusy(false);
    if (reply.ok) {
      setStatus(reply.data);
      setMessage(t.backup.saved);
    } else setSettingsError(reply.error);
  };

  const copyNow = async () => {
    setNowError(null);
    setMessage(null);
    setBusy(true);
    const reply = await invoke('backup.now', { requestId: newRequestId() });
    setBusy(false);
    if (reply.ok) setMessage(t.backup.madeNow(reply.data.file));
    else setNowError(reply.error);
    load();
  };

  const restore = async () => {
    setBusy(true);
    setRestoreError(null);
    const reply = await invoke('backup.restore', { path: restorePath.trim(), requestId: newRequestId() });
    setBusy(false);
    setConfirming(false);
    if (!reply.ok) {
      setRestoreError(reply.error);
      return;
    }
    // Every sign-in was revoked by the restore: back to the sign-in screen, saying what happened.
    window.alert(t.backup.restored(reply.data.replacedKeptAs ?? '—'));
    await signOut();
  };

  return (
    <AdminPage screen="admin-backups" title={t.backup.title} testid="backups-page" actions={null}>
      <p className="muted">{t.backup.intro}</p>
      <ErrorBox error={loadError} testid="backups-load-error" />
      <section className="card setup-card" data-testid="backups-status">
        <dl className="backup-facts">
          <dt>{t.backup.last}</dt>
          <dd data-testid="backup-last">{status?.last ? when(status.last.at) : t.backup.none}</dd>
          {status?.last && (
            <>
              <dt>{t.backup.size}</dt>
              <dd data-testid="backup-size">{formatBytes(status.last.bytes, t.locale)}</dd>
              <dt>{t.backup.file}</dt>
              <dd className="small" data-testid="backup-file">{status.last.file}</dd>
            </>
          )}
          {status?.nextDueAt && (
            <>
              <dt>{t.backup.next}</dt>
              <dd data-testid="backup-next">{when(status.nextDueAt)}</dd>
            </>
          )}
          {status?.lastError && (!status.last || status.lastError.at > status.last.at) && (
            <>
              <dt>{t.backup.lastError}</dt>
              <dd className="field-error" data-testid="backup-last-error">
                {when(status.lastError.at)}: {status.lastError.message}
              </dd>
            </>
          )}
        </dl>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" disabled={busy || !status?.folder} data-testid="backup-now" onClick={() => void copyNow()}>
            {busy ? t.backup.copying : t.backup.now}
          </button>
        </div>
        <ErrorBox error={nowError} testid="backup-now-error" />
        {message !== null && (
          <div className="alert alert-ok" role="status" data-testid="backup-message">
            {message}
          </div>
        )}
      </section>

      <form
        className="card setup-card"
        data-testid="backups-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void saveSettings();
        }}
      >
        <div className="form-grid">
          <Field label={t.backup.folder}>
            <input className="text-input" autoFocus value={folder} placeholder={t.backup.folderHint} data-testid="backup-folder" onChange={(e) => setFolder(e.target.value)} />
          </Field>
          <Field label={t.backup.keep}>
            <input className="text-input" inputMode="numeric" value={keep} data-testid="backup-keep" onChange={(e) => setKeep(e.target.value)} />
          </Field>
        </div>
        <ErrorBox error={settingsError} testid="backup-settings-error" />
        <div className="dialog-actions">
          <button type="submit" className="btn btn-ghost" disabled={busy || !folder.trim()} data-testid="backup-save">
            {t.backup.saveSettings} <Kbd k="Enter" />
          </button>
        </div>
      </form>

      <form
        className="card setup-card"
        data-testid="backups-restore"
        onSubmit={(e) => {
          e.preventDefault();
          if (restorePath.trim()) setConfirming(true);
        }}
      >
        <h2 className="card-title">{t.backup.restoreTitle}</h2>
        <p className="muted small">{t.backup.restoreIntro}</p>
        <Field label={t.backup.restorePath}>
          <input className="text-input" value={restorePath} data-testid="backup-restore-path" onChange={(e) => {
              setRestorePath(e.target.value);
              setRestoreError(null);
            }} />
        </Field>
        <RestoreError error={restoreError} />
        <div className="dialog-actions">
          <button type="submit" className="btn btn-ghost" disabled={busy || !restorePath.trim()} data-testid="backup-restore">
            {t.backup.restoreButton}
          </button>
        </div>
      </form>

      {confirming && (
        <Dialog title={t.backup.restoreTitle} testid="restore-confirm" onClose={busy ? null : () => setConfirming(false)}>
          <p>{t.backup.restoreConfirm(restorePath.trim())}</p>
          <div className="dialog-actions">
            <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
              {t.common.cancel} <Kbd k="Esc" />
            </button>
            <button type="button" className="btn btn-primary" autoFocus disabled={busy} data-testid="restore-yes" onClick={() => void restore()}>
              {busy ? t.setup.restoring : t.backup.restoreYes}
            </button>
          </div>
        </Dialog>
      )}
    </AdminPage>
  );
}
