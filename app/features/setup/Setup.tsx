// The first start: shown instead of the sign-in while the store is not set up. Paths: a standalone store (branch,
// registers, first administrator), joining headquarters (JoinHQ: address and one-time code), restoring a backup, and a clearly marked
// "probar la demo". Keyboard-first: the first field has focus, Tab walks the form, Enter creates the store; every
// refused field is named beside it (from the engine's VALIDATION_FAILED issues or the PIN codes).
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ReplyError } from '../../../src/contract';
import { pinProblem } from '../../../src/auth/pin-policy';
import type { CurrencyCode } from '../../../src/money/currencies';
import { CURRENCY_CODES } from '../../../src/money/currencies';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import { Brand, LanguageSwitch } from '../../components/Brand';
import { ErrorBox } from '../../components/ui';
import type { UiError } from '../../components/ui';
import { useT } from '../../i18n';
import type { Specialty } from '../../i18n/types';
import { JoinHQ } from './JoinHQ';
import { percentToBp } from '../../percent';

const SPECIALTIES: readonly Specialty[] = ['MIXED', 'SALES_ONLY', 'AGENTS_ONLY'];

interface RegisterDraft {
  readonly key: number;
  code: string;
  name: string;
  specialty: Specialty;
}

type Path = 'standalone' | 'join' | 'restore';

/** Field errors by input path (`branch.code`, `registers.0.name`, `admin.pin`), from a refusal. */
function fieldErrors(error: ReplyError): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = error.details?.['issues'];
  if (Array.isArray(issues)) {
    for (const i of issues as { path?: unknown; message?: unknown }[]) {
      if (typeof i.path === 'string' && typeof i.message === 'string' && !(i.path in out)) out[i.path] = i.message;
    }
  }
  const field = error.details?.['field'];
  if (typeof field === 'string') out[field] = error.message;
  return out;
}

function timeZones(fallback: string): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [fallback];
  }
}

export function Setup({ defaultTimeZone, onDone }: { readonly defaultTimeZone: string; readonly onDone: (notice: string) => void }) {
  const t = useT();
  const [path, setPath] = useState<Path>('standalone');

  return (
    <div className="screen setup" data-testid="setup-screen">
      <header className="topbar">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="setup-main">
        <div className="setup-head">
          <div>
            <h1 className="title">{t.setup.title}</h1>
            <p className="muted">{t.setup.intro}</p>
          </div>
          <DemoButton onDone={onDone} />
        </div>
        <div className="setup-paths" role="tablist" aria-label={t.setup.title}>
          {(
            [
              ['standalone', t.setup.standalone, t.setup.standaloneHint],
              ['join', t.setup.join, t.setup.joinHint],
              ['restore', t.setup.restore, t.setup.restoreHint],
            ] as const
          ).map(([p, label, hint]) => (
            <button key={p} type="button" role="tab" aria-selected={path === p} className={path === p ? 'setup-path selected' : 'setup-path'} data-testid={`setup-path-${p}`} onClick={() => setPath(p)}>
              <span className="setup-path-label">{label}</span>
              <span className="muted small">{hint}</span>
            </button>
          ))}
        </div>
        {path === 'standalone' && <Standalone defaultTimeZone={defaultTimeZone} onDone={onDone} />}
        {path === 'join' && <JoinHQ onDone={onDone} />}
        {path === 'restore' && <RestoreOnSetup onDone={onDone} />}
      </main>
    </div>
  );
}

function DemoButton({ onDone }: { readonly onDone: (notice: string) => void }) {
  const t = useT();
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="setup-demo" data-testid="setup-demo">
      <button
        type="button"
        className="btn btn-ghost setup-demo-btn"
        disabled={busy}
        data-testid="setup-demo-button"
        title={t.setup.demoHint}
        onClick={() => {
          setBusy(true);
          void invoke('setup.demo', {}).then((reply) => {
            setBusy(false);
            if (reply.ok) onDone(t.setup.demoConfirm);
            else setError(reply.error);
          });
        }}
      >
        {t.setup.demo}
      </button>
      <span className="muted small">{t.setup.demoHint}</span>
      <ErrorBox error={error} testid="setup-demo-error" />
    </div>
  );
}

function Err({ at, errors }: { readonly at: string; readonly errors: Record<string, string> }) {
  const message = errors[at];
  if (message === undefined) return null;
  return (
    <span className="field-error" role="alert" data-testid={`err-${at}`}>
      {message}
    </span>
  );
}

function F({ label, at, errors, children, wide }: { readonly label: string; readonly at: string; readonly errors: Record<string, string>; readonly children: ReactNode; readonly wide?: boolean }) {
  return (
    <label className={wide ? 'span-2' : undefined}>
      <span className="field-label">{label}</span>
      {children}
      <Err at={at} errors={errors} />
    </label>
  );
}

function Standalone({ defaultTimeZone, onDone }: { readonly defaultTimeZone: string; readonly onDone: (notice: string) => void }) {
  const t = useT();
  const zones = useMemo(() => timeZones(defaultTimeZone), [defaultTimeZone]);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [taxId, setTaxId] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const [currency, setCurrency] = useState<CurrencyCode>('BOB');
  const [tax, setTax] = useState('13');
  const [registers, setRegisters] = useState<RegisterDraft[]>([{ key: 1, code: 'CAJA1', name: 'Caja 1', specialty: 'MIXED' }]);
  const [username, setUsername] = useState('');
  const [adminName, setAdminName] = useState('');
  const [pin, setPin] = useState('');
  const [pinConfirm, setPinConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(newRequestId);

  const setRegister = (key: number, change: Partial<RegisterDraft>) => setRegisters((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));

  /** The problems the screen can see before sending, by field (the engine checks everything again). */
  const localProblems = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!code.trim()) out['branch.code'] = t.setup.required;
    if (!name.trim()) out['branch.name'] = t.setup.required;
    if (percentToBp(tax) === null) out['branch.defaultTaxRateBp'] = t.setup.taxRateInvalid;
    registers.forEach((r, i) => {
      if (!r.code.trim()) out[`registers.${i}.code`] = t.setup.required;
      if (!r.name.trim()) out[`registers.${i}.name`] = t.setup.required;
    });
    if (!username.trim()) out['admin.username'] = t.setup.required;
    if (!adminName.trim()) out['admin.name'] = t.setup.required;
    const problem = pinProblem(pin);
    if (problem === 'PIN_FORMAT') out['admin.pin'] = t.setup.pin;
    else if (problem === 'PIN_TRIVIAL') out['admin.pin'] = t.errors.PIN_TRIVIAL;
    else if (pin !== pinConfirm) out['admin.pinConfirm'] = t.errors.PIN_MISMATCH;
    return out;
  };

  const submit = async () => {
    if (busy) return;
    const local = localProblems();
    setErrors(local);
    setError(null);
    if (Object.keys(local).length > 0) {
      document.querySelector<HTMLElement>(`[data-field="${Object.keys(local)[0]}"]`)?.focus();
      return;
    }
    setBusy(true);
    const reply = await invoke('setup.initialize', {
      branch: { code: code.trim().toUpperCase(), name, taxId, address, phone, timeZone, currency, defaultTaxRateBp: percentToBp(tax) ?? 0 },
      registers: registers.map((r) => ({ code: r.code.trim().toUpperCase(), name: r.name, specialty: r.specialty })),
      admin: { username: username.trim().toLowerCase(), name: adminName, pin, pinConfirm },
      requestId,
    });
    setBusy(false);
    if (reply.ok) {
      onDone(t.setup.done(reply.data.branch.name));
      return;
    }
    const byField = fieldErrors(reply.error);
    setErrors(byField);
    setError(reply.error);
    const first = Object.keys(byField)[0];
    if (first !== undefined) document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  };

  return (
    <form
      className="card setup-card"
      data-testid="setup-standalone"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset className="form-grid form-grid-3 setup-section">
        <legend className="card-title">{t.setup.branchSection}</legend>
        <F label={t.setup.branchCode} at="branch.code" errors={errors}>
          <input className="text-input" autoFocus value={code} maxLength={16} data-field="branch.code" data-testid="setup-branch-code" onChange={(e) => setCode(e.target.value.toUpperCase())} />
        </F>
        <F label={t.setup.branchName} at="branch.name" errors={errors} wide>
          <input className="text-input" value={name} maxLength={120} data-field="branch.name" data-testid="setup-branch-name" onChange={(e) => setName(e.target.value)} />
        </F>
        <F label={t.setup.taxId} at="branch.taxId" errors={errors}>
          <input className="text-input" value={taxId} maxLength={30} data-field="branch.taxId" data-testid="setup-tax-id" onChange={(e) => setTaxId(e.target.value)} />
        </F>
        <F label={t.setup.address} at="branch.address" errors={errors}>
          <input className="text-input" value={address} maxLength={160} data-field="branch.address" data-testid="setup-address" onChange={(e) => setAddress(e.target.value)} />
        </F>
        <F label={t.setup.phone} at="branch.phone" errors={errors}>
          <input className="text-input" value={phone} maxLength={40} data-field="branch.phone" data-testid="setup-phone" onChange={(e) => setPhone(e.target.value)} />
        </F>
        <F label={t.setup.timeZone} at="branch.timeZone" errors={errors}>
          <input className="text-input" list="setup-zones" value={timeZone} data-field="branch.timeZone" data-testid="setup-time-zone" onChange={(e) => setTimeZone(e.target.value)} />
          <datalist id="setup-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </F>
        <F label={t.setup.currency} at="branch.currency" errors={errors}>
          <select className="text-input" value={currency} data-field="branch.currency" data-testid="setup-currency" onChange={(e) => setCurrency(e.target.value as CurrencyCode)}>
            {CURRENCY_CODES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </F>
        <F label={t.setup.taxRate} at="branch.defaultTaxRateBp" errors={errors}>
          <input className="text-input" inputMode="decimal" value={tax} data-field="branch.defaultTaxRateBp" data-testid="setup-tax-rate" onChange={(e) => setTax(e.target.value)} />
        </F>
      </fieldset>

      <fieldset className="setup-section">
        <legend className="card-title">{t.setup.registersSection}</legend>
        <Err at="registers" errors={errors} />
        {registers.map((r, i) => (
          <div key={r.key} className="form-grid form-grid-3 setup-register" data-testid={`setup-register-${i}`}>
            <F label={t.setup.registerCode} at={`registers.${i}.code`} errors={errors}>
              <input className="text-input" value={r.code} maxLength={16} data-field={`registers.${i}.code`} data-testid={`setup-register-code-${i}`} onChange={(e) => setRegister(r.key, { code: e.target.value.toUpperCase() })} />
            </F>
            <F label={t.setup.registerName} at={`registers.${i}.name`} errors={errors}>
              <input className="text-input" value={r.name} maxLength={120} data-field={`registers.${i}.name`} data-testid={`setup-register-name-${i}`} onChange={(e) => setRegister(r.key, { name: e.target.value })} />
            </F>
            <div className="setup-register-kind">
              <F label={t.setup.specialty} at={`registers.${i}.specialty`} errors={errors}>
                <select className="text-input" value={r.specialty} data-testid={`setup-register-specialty-${i}`} onChange={(e) => setRegister(r.key, { specialty: e.target.value as Specialty })}>
                  {SPECIALTIES.map((s) => (
                    <option key={s} value={s}>
                      {t.specialties[s]}
                    </option>
                  ))}
                </select>
              </F>
              {registers.length > 1 && (
                <button type="button" className="btn btn-ghost btn-small" aria-label={t.setup.removeRegister(r.code)} onClick={() => setRegisters((rs) => rs.filter((x) => x.key !== r.key))}>
                  ✕
                </button>
              )}
            </div>
          </div>
        ))}
        {registers.length < 20 && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            data-testid="setup-add-register"
            onClick={() => setRegisters((rs) => [...rs, { key: Math.max(0, ...rs.map((x) => x.key)) + 1, code: `CAJA${rs.length + 1}`, name: `Caja ${rs.length + 1}`, specialty: 'MIXED' }])}
          >
            + {t.setup.addRegister}
          </button>
        )}
      </fieldset>

      <fieldset className="form-grid form-grid-3 setup-section">
        <legend className="card-title">{t.setup.adminSection}</legend>
        <F label={t.setup.username} at="admin.username" errors={errors}>
          <input className="text-input" value={username} maxLength={40} autoComplete="off" data-field="admin.username" data-testid="setup-admin-username" onChange={(e) => setUsername(e.target.value.toLowerCase())} />
        </F>
        <F label={t.setup.adminName} at="admin.name" errors={errors} wide>
          <input className="text-input" value={adminName} maxLength={120} data-field="admin.name" data-testid="setup-admin-name" onChange={(e) => setAdminName(e.target.value)} />
        </F>
        <F label={t.setup.pin} at="admin.pin" errors={errors}>
          <input className="text-input" type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} data-field="admin.pin" data-testid="setup-admin-pin" onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </F>
        <F label={t.setup.pinConfirm} at="admin.pinConfirm" errors={errors}>
          <input className="text-input" type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pinConfirm} data-field="admin.pinConfirm" data-testid="setup-admin-pin-confirm" onChange={(e) => setPinConfirm(e.target.value.replace(/\D/g, ''))} />
        </F>
        <span className="muted small setup-pin-hint">{t.setup.pinHint}</span>
      </fieldset>

      <ErrorBox error={error} testid="setup-error" />
      <div className="dialog-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="setup-create">
          {busy ? t.setup.creating : t.setup.create} <kbd>Enter</kbd>
        </button>
      </div>
    </form>
  );
}

function RestoreOnSetup({ onDone }: { readonly onDone: (notice: string) => void }) {
  const t = useT();
  const [file, setFile] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card setup-card"
      data-testid="setup-restore"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || !file.trim()) return;
        setBusy(true);
        setError(null);
        void invoke('backup.restore', { path: file.trim() }).then((reply) => {
          setBusy(false);
          if (reply.ok) onDone(t.setup.restored(reply.data.sessions));
          else setError(reply.error);
        });
      }}
    >
      <label>
        <span className="field-label">{t.setup.restorePath}</span>
        <input className="text-input" autoFocus value={file} data-testid="setup-restore-path" onChange={(e) => setFile(e.target.value)} />
      </label>
      <RestoreError error={error} />
      <div className="dialog-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !file.trim()} data-testid="setup-restore-button">
          {busy ? t.setup.restoring : t.setup.restoreButton} <kbd>Enter</kbd>
        </button>
      </div>
    </form>
  );
}

/** A refused restore: the code's sentence and the engine's reason (which check failed). */
export function RestoreError({ error }: { readonly error: UiError | null }) {
  const reason = error !== null && 'details' in error ? (error as ReplyError).details?.['reason'] : undefined;
  return (
    <ErrorBox error={error} testid="restore-error">
      {typeof reason === 'string' && <span className="small"> ({reason})</span>}
    </ErrorBox>
  );
}
