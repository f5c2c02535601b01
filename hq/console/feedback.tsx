// What the last action on a screen did, kept as a code and values (not a sentence) so a language switch redraws it:
// a refusal from HQ (by its stable code) or a notice (a key of the words, filled with values).
import { useState } from 'react';
import type { Words } from './i18n';
import { fill, refusalText } from './i18n';
import { useWords } from './words';

export type Refusal = { readonly ok: false; readonly code: string; readonly message: string };
type TextKey = { [K in keyof Words]: Words[K] extends string ? K : never }[keyof Words];
interface Said {
  readonly key: TextKey;
  readonly values: Readonly<Record<string, string | number>>;
}

export interface Feedback {
  readonly error: Refusal | null;
  readonly said: Said | null;
  refused(r: Refusal): void;
  done(key: TextKey, values?: Readonly<Record<string, string | number>>): void;
  clear(): void;
}

export function useFeedback(): Feedback {
  const [error, setError] = useState<Refusal | null>(null);
  const [said, setSaid] = useState<Said | null>(null);
  return {
    error,
    said,
    refused: (r) => {
      setSaid(null);
      setError({ ok: false, code: r.code, message: r.message });
    },
    done: (key, values = {}) => {
      setError(null);
      setSaid({ key, values });
    },
    clear: () => {
      setError(null);
      setSaid(null);
    },
  };
}

/** The refusal (role=alert) and notice of a screen, announced to screen readers. */
export function FeedbackView({ fb }: { readonly fb: Feedback }) {
  const t = useWords();
  return (
    <div aria-live="polite">
      {fb.error && (
        <div className="alert" role="alert" data-testid="console-error">
          {refusalText(t, fb.error.code, fb.error.message)}
          <button type="button" className="btn btn-ghost btn-small" aria-label="×" onClick={fb.clear}>
            ×
          </button>
        </div>
      )}
      {fb.said && (
        <div className="notice" data-testid="console-notice">
          {fill(t[fb.said.key], fb.said.values)}
        </div>
      )}
    </div>
  );
}

/** A screen's title, with the read-only badge for an auditor. */
export function ScreenHead({ title, readOnly }: { readonly title: string; readonly readOnly: boolean }) {
  const t = useWords();
  return (
    <div className="card-head">
      <h1 className="title">{title}</h1>
      {readOnly && <span className="badge">{t.readOnly}</span>}
    </div>
  );
}
