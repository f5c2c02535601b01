// "Unirse a una central": headquarters' address and the one-time enrollment code. `setup.enroll` stores the register's
// HQ credential outside the database and pulls branch, registers, users and catalog; nothing here keeps the code.
import { useState } from 'react';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { ErrorBox } from '../../components/ui';
import type { UiError } from '../../components/ui';
import { useT } from '../../i18n';

export function JoinHQ({ onDone }: { readonly onDone: (notice: string) => void }) {
  const t = useT();
  const [hqUrl, setHqUrl] = useState('https://');
  const [code, setCode] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = hqUrl.trim().length > 'https://'.length && code.trim().length >= 8;
  return (
    <form
      className="card setup-card"
      data-testid="setup-join"
      aria-labelledby="setup-join-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || !ready) return;
        setBusy(true);
        setError(null);
        void invoke('setup.enroll', { hqUrl: hqUrl.trim(), code: code.trim(), requestId: newRequestId() }).then((reply) => {
          setBusy(false);
          if (reply.ok) onDone(t.setup.enrolled(reply.data.registerCode, reply.data.branchCode, reply.data.complete));
          else setError(reply.error);
        });
      }}
    >
      <h2 id="setup-join-title" className="card-title">
        {t.setup.join}
      </h2>
      <p className="muted">{t.setup.joinHint}</p>
      <label>
        <span className="field-label">{t.setup.hqUrl}</span>
        <input className="text-input" autoFocus inputMode="url" value={hqUrl} data-testid="setup-hq-url" onChange={(e) => setHqUrl(e.target.value)} />
        <span className="muted small">{t.setup.hqUrlHint}</span>
      </label>
      <label>
        <span className="field-label">{t.setup.enrollCode}</span>
        <input className="text-input" autoComplete="off" value={code} data-testid="setup-enroll-code" onChange={(e) => setCode(e.target.value)} />
        <span className="muted small">{t.setup.enrollCodeHint}</span>
      </label>
      <ErrorBox error={error} testid="enroll-error" />
      <div className="dialog-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !ready} data-testid="setup-enroll-button">
          {busy ? t.setup.enrolling : t.setup.enroll} <kbd>Enter</kbd>
        </button>
      </div>
    </form>
  );
}
