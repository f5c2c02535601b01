// Which PINs a person may choose. Invariant: a chosen PIN is 4–8 ASCII digits and not one a thief tries first (every
// digit the same, a run up or down such as 1234 or 4321); checked wherever a PIN is chosen (setup today).

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 8;

/** Why a PIN cannot be chosen: not 4–8 digits, or trivial to guess. */
export type PinProblem = 'PIN_FORMAT' | 'PIN_TRIVIAL';

/**
 * Whether `pin` (digits only) is trivial: every digit the same (0000, 777777) or each digit one more / one less than
 * the one before (1234, 3456, 4321, 98765). Runs wrap nowhere: 8901 is not a run.
 */
export function isTrivialPin(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = d.slice(1).map((x, i) => x - (d[i] ?? 0));
  return steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

/** The problem with a PIN someone chooses, or null when it is acceptable. */
export function pinProblem(pin: string): PinProblem | null {
  if (!new RegExp(`^[0-9]{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`).test(pin)) return 'PIN_FORMAT';
  return isTrivialPin(pin) ? 'PIN_TRIVIAL' : null;
}
