// On-screen numeric keypad for touch screens. Its keys never take focus, so the physical keyboard keeps working.
import type { MouseEvent } from 'react';

export interface KeypadProps {
  readonly onDigit: (digit: string) => void;
  readonly onBackspace: () => void;
  readonly onClear: () => void;
  readonly clearLabel: string;
  readonly backspaceLabel: string;
  readonly disabled?: boolean;
}

const keepFocus = (e: MouseEvent) => e.preventDefault();

export function Keypad({ onDigit, onBackspace, onClear, clearLabel, backspaceLabel, disabled = false }: KeypadProps) {
  const digit = (d: string) => (
    <button key={d} type="button" tabIndex={-1} className="key" disabled={disabled} data-testid={`key-${d}`} onMouseDown={keepFocus} onClick={() => onDigit(d)}>
      {d}
    </button>
  );
  return (
    <div className="keypad" data-testid="keypad">
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit)}
      <button type="button" tabIndex={-1} className="key key-aux" disabled={disabled} data-testid="key-clear" onMouseDown={keepFocus} onClick={onClear}>
        {clearLabel}
      </button>
      {digit('0')}
      <button
        type="button"
        tabIndex={-1}
        className="key key-aux"
        disabled={disabled}
        aria-label={backspaceLabel}
        title={backspaceLabel}
        data-testid="key-backspace"
        onMouseDown={keepFocus}
        onClick={onBackspace}
      >
        ⌫
      </button>
    </div>
  );
}
