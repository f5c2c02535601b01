// The weight prompt: a product sold by weight was scanned without a weight, so the cashier types it (kg, up to three
// decimals) instead of the line silently going in as 1 kg.
import { useState } from 'react';
import { Dialog, ErrorBox, Kbd } from '../../components/ui';
import { useT } from '../../i18n';
import { parseTypedQuantity } from '../../quantity';

export function WeightDialog({ name, onWeighed, onCancel }: { readonly name: string; readonly onWeighed: (milli: number) => void; readonly onCancel: () => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [bad, setBad] = useState(false);
  const submit = () => {
    const parsed = parseTypedQuantity(text, 'KG');
    if (!parsed.ok || parsed.milli <= 0) {
      setBad(true);
      return;
    }
    onWeighed(parsed.milli);
  };
  return (
    <Dialog title={t.counter.weightTitle(name)} testid="weight-dialog" onClose={onCancel}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="muted">{t.counter.weightHint}</p>
        <label className="field-label" htmlFor="weight-input">
          {t.counter.weightLabel}
        </label>
        <div className="amount-field">
          <span className="amount-currency">kg</span>
          <input
          id="weight-input"
          className="amount-input"
          inputMode="decimal"
          autoComplete="off"
          autoFocus
          value={text}
          placeholder="0,750"
          data-testid="weight-input"
          onChange={(e) => {
            setText(e.target.value);
            setBad(false);
          }}
          />
        </div>
        <ErrorBox error={bad ? { code: 'QUANTITY_INVALID', message: t.sell.qtyMalformed, local: true } : null} testid="weight-error" />
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t.common.cancel} <Kbd k="Esc" />
          </button>
          <button type="submit" className="btn btn-primary" data-testid="weight-ok">
            {t.common.confirm} <Kbd k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
