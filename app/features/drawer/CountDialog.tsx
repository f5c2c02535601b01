// A partial or audit count of the drawer on the denomination grid. A blind user sees only what they counted.
import { useRef, useState } from 'react';
import type { CommandOutput, ReplyError } from '../../../src/contract';
import type { CurrencyCode } from '../../../src/money/currencies';
import { newRequestId } from '../../actions';
import { invoke } from '../../api';
import type { Quantities } from '../../components/DenominationGrid';
import { DenominationGrid, countInput } from '../../components/DenominationGrid';
import { Dialog, ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../money';

type Summary = CommandOutput<'cash.count'>['summary'];

export function CountDialog({ currency, onClose }: { readonly currency: CurrencyCode; readonly onClose: () => void }) {
  const t = useT();
  const m = (v: number) => formatMoney(v, currency, t.locale);
  const [type, setType] = useState<'PARTIAL' | 'AUDIT'>('PARTIAL');
  const [q, setQ] = useState<Quantities>({});
  const [error, setError] = useState<ReplyError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Summary | null>(null);
  const requestId = useRef(newRequestId());

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const reply = await invoke('cash.count', { type, ...countInput(q), requestId: requestId.current });
    setBusy(false);
    if (reply.ok) setDone(reply.data.summary);
    else setError(reply.error);
  };

  if (done !== null) {
    return (
      <Dialog title={t.count.title} testid="count-dialog" onClose={onClose}>
        <p className="count-result" data-testid="count-result" data-minor={done.totalCash}>
          {t.count.recorded(m(done.totalCash))}
        </p>
        {done.expectedAmount !== null && done.difference !== null && (
          <dl className="facts">
            <div>
              <dt>{t.count.expected}</dt>
              <dd className="amount">{m(done.expectedAmount)}</dd>
            </div>
            <div>
              <dt>{t.count.difference}</dt>
              <dd className="amount">{m(done.difference)}</dd>
            </div>
          </dl>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" autoFocus onClick={onClose} data-testid="count-close">
            {t.common.close} <Kbd k="Esc" />
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t.count.title} testid="count-dialog" onClose={busy ? null : onClose} wide>
      <div className="segmented" role="tablist">
        {(['PARTIAL', 'AUDIT'] as const).map((x) => (
          <button key={x} type="button" role="tab" aria-selected={type === x} className={type === x ? 'seg active' : 'seg'} data-testid={`count-type-${x}`} onClick={() => setType(x)}>
            {x === 'PARTIAL' ? t.count.partial : t.count.audit}
          </button>
        ))}
      </div>
      <DenominationGrid currency={currency} value={q} onChange={setQ} autoFocus onDone={() => void submit()} />
      <ErrorBox error={error} testid="count-error" />
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
          {t.common.cancel} <Kbd k="Esc" />
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()} data-testid="count-confirm">
          {t.count.confirm}
        </button>
      </div>
    </Dialog>
  );
}
