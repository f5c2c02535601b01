// Small building blocks: error alerts by code, modal dialogs with Esc, buttons that show their shortcut, progress.
import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef } from 'react';
import type { ReplyError } from '../../src/contract';
import type { T } from '../i18n';
import { useT } from '../i18n';

/** An error to show: an engine reply's, or one the screen found itself (`local`: its message is already translated). */
export type UiError = Pick<ReplyError, 'code' | 'message'> & { readonly local?: boolean };

/** A reply error in the user's language, by code; an unknown code falls back to the engine's own sentence. */
export function errorText(t: T, error: UiError): string {
  if (error.local === true) return error.message;
  return (t.errors as Readonly<Record<string, string | undefined>>)[error.code] ?? error.message;
}

export function ErrorBox({ error, testid, children }: { readonly error: UiError | null; readonly testid: string; readonly children?: ReactNode }) {
  const t = useT();
  if (error === null) return null;
  return (
    <div className="alert" role="alert" data-testid={testid} data-code={error.code}>
      <span>{errorText(t, error)}</span>
      {children}
    </div>
  );
}

export function Kbd({ k }: { readonly k: string | undefined }) {
  return k === undefined ? null : <kbd>{k}</kbd>;
}

export interface DialogProps {
  readonly title: string;
  readonly testid: string;
  readonly onClose: (() => void) | null;
  readonly children: ReactNode;
  readonly wide?: boolean;
  readonly className?: string;
}

/** A modal: Esc closes (when closable); focus starts on the first field marked autoFocus. */
export function Dialog({ title, testid, onClose, children, wide = false, className = '' }: DialogProps) {
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && closeRef.current !== null) {
        e.preventDefault();
        e.stopPropagation();
        closeRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="backdrop" role="presentation">
      <section className={`card dialog ${wide ? 'dialog-wide' : ''} ${className}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testid}>
        <h2 className="card-title dialog-title">{title}</h2>
        {children}
      </section>
    </div>
  );
}

/** A progress bar: determinate with `value` (0..1), else moving. */
export function Progress({ label, value }: { readonly label: string; readonly value?: number | undefined }) {
  const pct = value === undefined ? undefined : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="progress">
      {pct === undefined ? <div className="progress-bar" /> : <div className="progress-track"><div className="progress-fill" style={{ width: `${pct}%` }} /></div>}
      <span className="muted small">{label}</span>
    </div>
  );
}

/** A column heading; numeric ones are right-aligned. */
export type Column = string | { readonly label: string; readonly num: true };
export const num = (label: string): Column => ({ label, num: true });

/** A table's heading cells. */
export function HeadCells({ columns }: { readonly columns: readonly Column[] }) {
  return columns.map((c, i) => (typeof c === 'string' ? <th key={i}>{c === '' ? null : c}</th> : <th key={i} className="num">{c.label}</th>));
}

/** What a keyset-paged list answers about its pages (`pagination` of cash.sessions, sales.list, products.list). */
interface PageInfo {
  readonly pageSize: number;
  readonly nextCursor: string | null;
  readonly total: number;
  readonly totalCapped: boolean;
}

/**
 * The cursors of the pages of a keyset-paged list seen so far: page p (from 1) is asked with `cursorOf(p)`; `seen(p,
 * info)` records the next page's cursor (and forgets pages after p, as a new filter starts again at 1).
 */
export function useCursors(): { cursorOf: (page: number) => string | undefined; seen: (page: number, info: PageInfo) => void } {
  const cursors = useRef<(string | undefined)[]>([undefined]);
  return useMemo(
    () => ({
      cursorOf: (page: number) => cursors.current[page - 1],
      seen: (page: number, info: PageInfo) => {
        cursors.current.length = page;
        if (info.nextCursor !== null) cursors.current[page] = info.nextCursor;
      },
    }),
    [],
  );
}

/** Previous / "page p of n" / next over a keyset-paged list: next only while the list hands out a next cursor. */
export function Pager({ page, pagination, onPage }: { readonly page: number; readonly pagination: PageInfo; readonly onPage: (p: number) => void }) {
  const t = useT();
  const totalPages = Math.max(page, Math.ceil(pagination.total / pagination.pageSize));
  return (
    <div className="pager" data-testid="pager">
      <button type="button" className="btn btn-ghost btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid="page-prev">
        ← {t.common.previous}
      </button>
      <span className="muted small" data-testid="page-label">
        {t.common.page(page, totalPages, pagination.totalCapped)}
      </span>
      <button type="button" className="btn btn-ghost btn-small" disabled={pagination.nextCursor === null} onClick={() => onPage(page + 1)} data-testid="page-next">
        {t.common.next} →
      </button>
    </div>
  );
}
