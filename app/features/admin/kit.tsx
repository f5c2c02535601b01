// The scaffolding the admin screens share: a list page (title, "new" button, error, loading, a table of rows with an
// edit button) and a create/edit form in a dialog (fields, error, Cancel/Save with their keys, busy while saving).
import type { ReactNode } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Reply, ReplyError } from '../../../src/contract';
import { newRequestId } from '../../actions';
import { useT } from '../../i18n';
import { Shell } from '../../components/Shell';
import { type Column, type UiError, Dialog, ErrorBox, HeadCells, Kbd, Progress } from '../../components/ui';
import { useSync } from '../../stores/sync';

/**
 * Whether this register is enrolled at HQ (sync.status's `master`): its master data then comes from HQ only, so the
 * admin screens show it read-only (the engine refuses edits with MANAGED_BY_HQ anyway).
 */
export function useHqManaged(): boolean {
  const status = useSync((s) => s.status);
  const refresh = useSync((s) => s.refresh);
  useEffect(() => {
    if (status === null) void refresh();
  }, [status, refresh]);
  return status?.master != null;
}

/**
 * A form's save: the error it shows, busy while the command runs, and the request id kept (so a retry is the same
 * request) until the engine refuses it.
 */
export function useFormSave(fieldLabels: Readonly<Record<string, string>> = {}) {
  const t = useT();
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  /** Shows a problem found before sending (already translated). */
  const invalid = (message: string) => setError({ code: 'VALIDATION_FAILED', message, local: true });
  const run = async <R,>(send: (requestId: string) => Promise<Reply<R>>, onSaved: (data: R) => void) => {
    setBusy(true);
    const reply = await send(requestId.current);
    setBusy(false);
    if (reply.ok) onSaved(reply.data);
    else {
      const fields = invalidFields(reply.error, fieldLabels);
      setError(fields.length > 0 ? { code: reply.error.code, message: t.counter.fieldErrors(fields.join(', ')), local: true } : reply.error);
      requestId.current = newRequestId();
    }
  };
  return { error, setError, busy, invalid, run };
}

/**
 * The fields a VALIDATION_FAILED reply names (its zod issues' paths), as the form labels them: the longest labelled
 * prefix of each path ("printer.target.host" → the label of "printer.target.host" or of "printer"), once each, in order.
 */
export function invalidFields(error: ReplyError, labels: Readonly<Record<string, string>>): string[] {
  if (error.code !== 'VALIDATION_FAILED') return [];
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  const out: string[] = [];
  for (const issue of issues) {
    const path = typeof (issue as { path?: unknown }).path === 'string' ? (issue as { path: string }).path : '';
    const parts = path.split('.');
    let label: string | undefined;
    for (let n = parts.length; n > 0 && label === undefined; n -= 1) label = labels[parts.slice(0, n).join('.')];
    const name = label ?? path;
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** A create/edit dialog: the fields in a 2- or 3-column grid, then the error and Cancel (Esc) / Save (Enter). */
export function FormDialog({
  title,
  testid,
  prefix,
  error,
  busy,
  onCancel,
  onSubmit,
  columns = 2,
  wide,
  children,
}: {
  readonly title: string;
  readonly testid: string;
  /** The fields' test id prefix: `${prefix}-error`, `${prefix}-save`. */
  readonly prefix: string;
  readonly error: UiError | null;
  readonly busy: boolean;
  readonly onCancel: () => void;
  readonly onSubmit: () => void;
  readonly columns?: 2 | 3;
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  const t = useT();
  const span = `span-${columns}`;
  return (
    <Dialog title={title} testid={testid} onClose={busy ? null : onCancel} wide={wide}>
      <form
        className={columns === 3 ? 'dialog-form form-grid form-grid-3' : 'dialog-form form-grid'}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <div className={span}>
          <ErrorBox error={error} testid={`${prefix}-error`} />
        </div>
        <div className={`dialog-actions ${span}`}>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t.common.cancel} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid={`${prefix}-save`}>
            {t.common.save} <Kbd k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A labelled field: the label above, the input (or select) given as children. */
export function Field({ label, className, children }: { readonly label: ReactNode; readonly className?: string; readonly children: ReactNode }) {
  return (
    <label className={className}>
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

/** A checkbox with its label. */
export function CheckField({ label, checked, testid, onChange }: { readonly label: string; readonly checked: boolean; readonly testid: string; readonly onChange: (checked: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} data-testid={testid} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** What a list screen edits: nothing, a new row, or an existing one. */
export type Editing<R> = R | 'new' | null;

/** A list screen's rows (loaded on mount, again by `load`), its error and the row being edited. */
export function useAdminList<R>(fetch: () => Promise<Reply<readonly R[]>>) {
  const [list, setList] = useState<readonly R[] | null>(null);
  const [editing, setEditing] = useState<Editing<R>>(null);
  const [error, setError] = useState<ReplyError | null>(null);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const load = useCallback(async () => {
    const r = await fetchRef.current();
    if (r.ok) setList(r.data);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  /** The form's props for the row being edited: closing it, or saving (then the list loads again). */
  const formProps = {
    onCancel: () => setEditing(null),
    onSaved: () => {
      setEditing(null);
      void load();
    },
  };
  return { list, error, setError, load, editing, setEditing, formProps };
}

/** A list page: the title with its actions (by default a "+ new" button), the error, loading, then the table. */
export function AdminPage({
  screen,
  title,
  testid,
  actions,
  children,
  form,
}: {
  readonly screen: string;
  readonly title: string;
  readonly testid?: string;
  readonly actions: ReactNode;
  readonly children: ReactNode;
  /** The create/edit dialog when open. */
  readonly form?: ReactNode;
}) {
  const t = useT();
  const managed = useHqManaged();
  return (
    <Shell screen={screen}>
      <main className="page" data-testid={testid}>
        <div className="page-head">
          <h1 className="title">{title}</h1>
          {actions}
        </div>
        {managed && (
          <p className="alert alert-warn" role="status" data-testid="managed-by-hq">
            {t.admin.managedByHq}
          </p>
        )}
        {children}
      </main>
      {form}
    </Shell>
  );
}

/** The page's "+ new" button. */
export function NewButton({ label, testid, onClick }: { readonly label: string; readonly testid: string; readonly onClick: () => void }) {
  if (useHqManaged()) return null;
  return (
    <button type="button" className="btn btn-primary" onClick={onClick} data-testid={testid}>
      + {label}
    </button>
  );
}

/** The list's error, then "loading" until the rows come. */
export function ListState({ error, errorTestid, loading }: { readonly error: UiError | null; readonly errorTestid: string; readonly loading: boolean }) {
  const t = useT();
  return (
    <>
      <ErrorBox error={error} testid={errorTestid} />
      {loading && <Progress label={t.common.loading} />}
    </>
  );
}

/** The table of rows in a card, the last column for the row's buttons; `footer` goes under it (a pager). */
export function AdminTable({ testid, columns, children, footer }: { readonly testid: string; readonly columns: readonly Column[]; readonly children: ReactNode; readonly footer?: ReactNode }) {
  return (
    <div className="card">
      <table className="table" data-testid={testid}>
        <thead>
          <tr>
            <HeadCells columns={columns} />
            <th />
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {footer}
    </div>
  );
}

/** A row: greyed when inactive. */
export function AdminRow({ active, testid, children }: { readonly active: boolean; readonly testid: string; readonly children: ReactNode }) {
  return (
    <tr className={active ? '' : 'inactive'} data-testid={testid}>
      {children}
    </tr>
  );
}

/** The status cell: active or inactive, then anything more. */
export function StatusCell({ active, children }: { readonly active: boolean; readonly children?: ReactNode }) {
  const t = useT();
  return (
    <td>
      {active ? t.common.active : t.common.inactive}
      {children}
    </td>
  );
}

/** The row's buttons: Edit, then any others. */
export function RowActions({ testid, onEdit, children }: { readonly testid: string; readonly onEdit: () => void; readonly children?: ReactNode }) {
  const t = useT();
  // Enrolled: HQ's data is read-only here, so neither Edit nor a row's other changes are offered.
  if (useHqManaged()) return <td className="row-actions" />;
  return (
    <td className="row-actions">
      <button type="button" className="btn btn-ghost btn-small" onClick={onEdit} data-testid={testid}>
        {t.common.edit}
      </button>
      {children}
    </td>
  );
}
