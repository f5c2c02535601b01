// Banking-agent operations (AGENTS_ONLY and MIXED registers): a customer's deposit into an account (CASH_IN, cash into
// the drawer), withdrawal (CASH_OUT, cash out, never below zero expected cash) or a top-up paid in cash (TOP_UP), with
// the provider, the provider's reference and the store's commission (reported, never drawer cash). An AGENTS_ONLY
// register lands here instead of the sell screen. The amount field has the focus: ↑ ↓ change the operation, Enter
// records; the drawer's F-keys are the sell screen's.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import type { AgentKind } from '../../../src/session/ledger';
import { AGENT_KINDS } from '../../../src/session/ledger';
import { newRequestId, refreshCash, useHotkeys } from '../../actions';
import { invoke } from '../../api';
import { usePrint } from '../../components/Print';
import { Shell } from '../../components/Shell';
import { type UiError, ErrorBox, Kbd } from '../../components/ui';
import type { T } from '../../i18n';
import { useT } from '../../i18n';
import { formatMoney, parseTypedAmount } from '../../money';
import { useNav } from '../../stores/nav';
import { useSession } from '../../stores/session';
import type { DrawerAction, DrawerDialog } from '../drawer/DrawerActions';
import { ActionButtons, DrawerDialogs, Toast, TotalCard, actionHotkeys, useDrawerActions, useToast } from '../drawer/DrawerActions';
import { SlipHead } from '../sales/Receipt';
import { useStoreTime } from '../../time';

type Session = NonNullable<CommandOutput<'cash.current'>['session']>;
type Provider = CommandOutput<'agents.providers'>['providers'][number];
type Listing = CommandOutput<'agents.list'>;
type Operation = Listing['operations'][number];

function AgentSlip({ op, session, providerName, t }: { readonly op: Operation; readonly session: Session; readonly providerName: string; readonly t: T }) {
  const m = (v: number) => formatMoney(v, session.currency, t.locale);
  return (
    <article className="receipt" data-testid="agent-slip">
      <SlipHead info={session} createdAt={op.createdAt} t={t}>
        <div className="receipt-title">{t.agents.slipTitle}</div>
      </SlipHead>
      <table className="receipt-pay">
        <tbody>
          <tr>
            <td>{t.agents.provider}</td>
            <td className="num">{providerName}</td>
          </tr>
          <tr>
            <td>{t.agents.operation}</td>
            <td className="num">{t.agents.kinds[op.kind]}</td>
          </tr>
          <tr>
            <td>{t.agents.reference}</td>
            <td className="num">{op.reference}</td>
          </tr>
          {op.customerRef !== null && (
            <tr>
              <td>{t.agents.customer}</td>
              <td className="num">{op.customerRef}</td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="receipt-total">
        <span>{t.common.amount}</span>
        <span>{m(op.amount)}</span>
      </div>
      <div className="receipt-sign">{t.salesDlg.signature}</div>
    </article>
  );
}

type DialogKind = DrawerDialog | null;

export function Agents({ session }: { readonly session: Session }) {
  const t = useT();
  const time = useStoreTime(t.locale);
  const go = useNav((s) => s.go);
  const print = usePrint((s) => s.print);
  const specialty = useSession((s) => s.cash?.session?.specialty ?? null);
  const user = useSession((s) => s.user);
  const m = (v: number) => formatMoney(v, session.currency, t.locale);
  const [providers, setProviders] = useState<readonly Provider[] | null>(null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [kind, setKind] = useState<AgentKind>('CASH_IN');
  const [provider, setProvider] = useState('');
  const [amount, setAmount] = useState('');
  const [commission, setCommission] = useState('');
  const [reference, setReference] = useState('');
  const [customer, setCustomer] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [toast, setToast] = useToast();
  const requestId = useRef(newRequestId());
  const amountRef = useRef<HTMLInputElement>(null);
  const referenceRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const [p, l] = await Promise.all([invoke('agents.providers', {}), invoke('agents.list', {})]);
    if (p.ok) setProviders(p.data.providers.filter((x) => x.active));
    else setError(p.error);
    if (l.ok) setListing(l.data);
    else setError(l.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const allowed = useMemo(() => (providers ?? []).filter((p) => p.kinds.includes(kind)), [providers, kind]);
  // The chosen provider follows the operation: kept when it allows it, else the first one that does.
  useEffect(() => {
    if (!allowed.some((p) => p.code === provider)) setProvider(allowed[0]?.code ?? '');
  }, [allowed, provider]);
  const names = useMemo(() => new Map((providers ?? []).map((p) => [p.code, p.name])), [providers]);

  const parsedAmount = parseTypedAmount(amount, session.currency, t.locale);
  const parsedCommission = commission.trim() === '' ? ({ ok: true, value: 0 } as const) : parseTypedAmount(commission, session.currency, t.locale);

  const submit = async () => {
    if (busy) return;
    if (!parsedAmount.ok || parsedAmount.value <= 0) {
      setError({ code: 'VALIDATION_FAILED', message: parsedAmount.ok ? t.amountErrors.MALFORMED : t.amountErrors[parsedAmount.error], local: true });
      amountRef.current?.focus();
      return;
    }
    if (!parsedCommission.ok) return setError({ code: 'VALIDATION_FAILED', message: t.amountErrors[parsedCommission.error], local: true });
    if (provider === '') return setError({ code: 'AGENT_PROVIDER_UNKNOWN', message: t.agents.noProviders, local: true });
    if (reference.trim() === '') {
      setError({ code: 'VALIDATION_FAILED', message: t.agents.referenceRequired, local: true });
      referenceRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const reply = await invoke('agents.create', {
      provider,
      kind,
      amount: parsedAmount.value,
      ...(parsedCommission.value > 0 ? { commission: parsedCommission.value } : {}),
      reference: reference.trim(),
      ...(customer.trim() ? { customerRef: customer.trim() } : {}),
      requestId: requestId.current,
    });
    setBusy(false);
    requestId.current = newRequestId();
    if (!reply.ok) {
      setError(reply.error);
      amountRef.current?.focus();
      return;
    }
    setToast(t.agents.done(t.agents.kinds[kind], m(reply.data.operation.amount)));
    setAmount('');
    setCommission('');
    setReference('');
    setCustomer('');
    amountRef.current?.focus();
    void load();
    void refreshCash();
  };

  const cycle = (step: 1 | -1) => {
    const i = AGENT_KINDS.indexOf(kind);
    const next = AGENT_KINDS[(i + step + AGENT_KINDS.length) % AGENT_KINDS.length];
    if (next !== undefined) setKind(next);
  };

  // Newest first, on screen and for the slip.
  const ops = useMemo(() => [...(listing?.operations ?? [])].reverse().sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)), [listing]);
  const last = ops[0] ?? null;
  const printLast = () => {
    if (last !== null) print('receipt', <AgentSlip op={last} session={session} providerName={names.get(last.provider) ?? last.provider} t={t} />);
  };

  const mixed = specialty === 'MIXED';
  const drawerActions = useDrawerActions(session.id, setDialog, setError);
  const actions: readonly DrawerAction[] = [...(mixed ? [{ key: 'F1', label: t.nav.sell, testid: 'act-sell', run: () => go({ name: 'sell' }) }] : []), ...drawerActions];
  useHotkeys({ ...actionHotkeys(actions), 'Ctrl+p': last !== null ? printLast : undefined }, dialog === null);
  const totals = listing?.totals ?? null;

  return (
    <Shell screen="agents" className="sell agents">
      <main className="sell-main">
        <section className="sell-left">
          <form
            className="card agent-form"
            data-testid="agent-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div className="agent-kinds" role="radiogroup" aria-label={t.agents.operation}>
              {AGENT_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={k === kind}
                  className={k === kind ? `agent-kind active kind-${k.toLowerCase()}` : `agent-kind kind-${k.toLowerCase()}`}
                  data-testid={`agent-kind-${k}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setKind(k);
                    amountRef.current?.focus();
                  }}
                >
                  <span className="agent-kind-name">{t.agents.kinds[k]}</span>
                  <span className="agent-kind-hint">{t.agents.kindHints[k]}</span>
                </button>
              ))}
            </div>
            <div className="agent-grid">
              <label>
                <span className="field-label">{t.agents.provider}</span>
                <select className="text-input" value={provider} data-testid="agent-provider" onChange={(e) => setProvider(e.target.value)}>
                  {allowed.length === 0 && <option value="">{t.agents.noProviders}</option>}
                  {allowed.map((p) => (
                    <option key={p.code} value={p.code}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span className="field-label">
                  {t.common.amount} · {t.agents.kinds[kind]}
                </span>
                <div className="amount-field">
                  <span className="amount-currency">{session.currency}</span>
                  <input
                    ref={amountRef}
                    className="amount-input"
                    inputMode="decimal"
                    autoComplete="off"
                    autoFocus
                    value={amount}
                    data-testid="agent-amount"
                    onChange={(e) => {
                      setAmount(e.target.value);
                      setError(null);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                        e.preventDefault();
                        cycle(e.key === 'ArrowDown' ? 1 : -1);
                      }
                    }}
                  />
                </div>
              </label>
              <label>
                <span className="field-label">{t.agents.reference}</span>
                <input ref={referenceRef} className="text-input" value={reference} maxLength={80} autoComplete="off" data-testid="agent-reference" onChange={(e) => setReference(e.target.value)} />
              </label>
              <label>
                <span className="field-label">
                  {t.agents.commission} <span className="muted small">{t.common.optional}</span>
                </span>
                <input className="text-input" inputMode="decimal" value={commission} placeholder="0" data-testid="agent-commission" onChange={(e) => setCommission(e.target.value)} />
              </label>
              <label className="span-2">
                <span className="field-label">
                  {t.agents.customer} <span className="muted small">{t.common.optional}</span>
                </span>
                <input className="text-input" value={customer} maxLength={80} autoComplete="off" data-testid="agent-customer" onChange={(e) => setCustomer(e.target.value)} />
              </label>
            </div>
            <ErrorBox error={error} testid="agent-error" />
            <div className="agent-submit">
              <p className="muted small">{t.agents.keys}</p>
              <button type="submit" className={`btn btn-primary agent-confirm kind-${kind.toLowerCase()}`} disabled={busy} data-testid="agent-confirm">
                {t.agents.confirm(t.agents.kinds[kind])} {parsedAmount.ok && parsedAmount.value > 0 ? m(parsedAmount.value) : ''} <Kbd k="Enter" />
              </button>
            </div>
          </form>

          <div className="card agent-ops">
            <h3 className="section-title">{t.agents.list}</h3>
            {ops.length === 0 ? (
              <p className="muted small" data-testid="agent-empty">
                {t.agents.empty}
              </p>
            ) : (
              <table className="table small" data-testid="agent-ops">
                <thead>
                  <tr>
                    <th>{t.report.time}</th>
                    <th>{t.agents.operation}</th>
                    <th>{t.agents.provider}</th>
                    <th>{t.agents.reference}</th>
                    <th className="num">{t.agents.commission}</th>
                    <th className="num">{t.common.amount}</th>
                  </tr>
                </thead>
                <tbody>
                  {ops.map((op) => (
                    <tr key={op.id} data-testid={`agent-op-${op.reference}`} data-kind={op.kind} data-minor={op.amount}>
                      <td>{time(op.createdAt)}</td>
                      <td>
                        <span className={`badge kind-badge kind-${op.kind.toLowerCase()}`}>{t.agents.kinds[op.kind]}</span>
                      </td>
                      <td>{names.get(op.provider) ?? op.provider}</td>
                      <td className="mono">
                        {op.reference}
                        {op.customerRef !== null && <span className="muted small"> · {op.customerRef}</span>}
                      </td>
                      <td className="num amount">{m(op.commission)}</td>
                      <td className="num amount strong">{(op.kind === 'CASH_OUT' ? '−' : '+') + m(op.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>

        <aside className="sell-right">
          <TotalCard
            session={session}
            label={
              <>
                {t.agents.netCash} <span className="muted small">· {t.agents.count(totals?.count ?? 0)}</span>
              </>
            }
            testid="agent-net"
            minor={totals?.netCash ?? 0}
            amount={m(totals?.netCash ?? 0)}
          >
            {totals !== null && (
              <dl className="agent-sums">
                {AGENT_KINDS.map((k) => (
                  <div key={k}>
                    <dt>{t.agents.kinds[k]}</dt>
                    <dd className="amount" data-testid={`agent-total-${k}`} data-minor={totals.byKind[k]}>
                      {m(totals.byKind[k])}
                    </dd>
                  </div>
                ))}
                <div>
                  <dt>{t.agents.commission}</dt>
                  <dd className="amount" data-testid="agent-commission-total" data-minor={totals.commission}>
                    {m(totals.commission)}
                  </dd>
                </div>
              </dl>
            )}
          </TotalCard>
          <ActionButtons actions={actions} />
          {last !== null && (
            <div className="card last-sale" data-testid="agent-last">
              <div className="muted small">{t.agents.last}</div>
              <div className="last-sale-row">
                <span>
                  {t.agents.kinds[last.kind]} · {names.get(last.provider) ?? last.provider}
                </span>
                <span className="amount strong">{m(last.amount)}</span>
              </div>
              <div className="last-sale-row">
                <span className="mono muted small">{last.reference}</span>
                <button type="button" className="btn btn-ghost btn-small" data-testid="agent-print" onMouseDown={(e) => e.preventDefault()} onClick={printLast}>
                  {t.agents.print} <Kbd k="Ctrl+P" />
                </button>
              </div>
            </div>
          )}
          {user?.permissions.includes('agents:manage') && (
            <button type="button" className="btn btn-ghost btn-small" data-testid="agent-providers" onClick={() => go({ name: 'admin-providers' })}>
              {t.agents.manageProviders}
            </button>
          )}
        </aside>
      </main>
      <DrawerDialogs dialog={dialog} currency={session.currency} onClose={() => setDialog(null)} onDone={setToast} />
      <Toast text={toast} />
    </Shell>
  );
}
