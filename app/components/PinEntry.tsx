// The PIN field and its keypad, shared by sign-in, the lock screen and the supervisor dialog. Invariant: a PIN held
// here is digits only and at most MAX_PIN long, whether typed, pasted or tapped.
import type { Dispatch, InputHTMLAttributes, Ref, SetStateAction } from 'react';
import { useT } from '../i18n';
import { Keypad } from './Keypad';

export const MAX_PIN = 8;

type PinInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  readonly value: string;
  /** The new PIN, already reduced to digits and clipped. */
  readonly onPin: (pin: string) => void;
  readonly ref?: Ref<HTMLInputElement>;
};

export function PinInput({ value, onPin, ref, ...rest }: PinInputProps) {
  return (
    <input
      ref={ref}
      className="pin-input"
      type="password"
      inputMode="numeric"
      autoComplete="off"
      autoFocus
      maxLength={MAX_PIN}
      placeholder="••••"
      {...rest}
      value={value}
      onChange={(e) => onPin(e.target.value.replace(/\D/g, '').slice(0, MAX_PIN))}
    />
  );
}

/** The on-screen keypad editing a PIN held in React state. */
export function PinKeypad({ setPin, disabled }: { readonly setPin: Dispatch<SetStateAction<string>>; readonly disabled: boolean }) {
  const t = useT();
  return (
    <Keypad
      onDigit={(d) => setPin((p) => (p.length < MAX_PIN ? p + d : p))}
      onBackspace={() => setPin((p) => p.slice(0, -1))}
      onClear={() => setPin('')}
      clearLabel={t.signIn.clear}
      backspaceLabel={t.signIn.backspace}
      disabled={disabled}
    />
  );
}
