import { describe, expect, it } from 'vitest';
import { isTrivialPin, pinProblem } from './pin-policy';

describe('pinProblem', () => {
  it('refuses the PINs a thief tries first', () => {
    for (const pin of ['0000', '1111', '1234', '4321', '99999999', '12345678', '87654321', '3456', '6543', '012345']) {
      expect(pinProblem(pin), pin).toBe('PIN_TRIVIAL');
    }
  });
  it('refuses anything but 4 to 8 digits', () => {
    for (const pin of ['', '123', '123456789', '12a4', ' 1357', '1357 ', '١٢٣٤٥']) expect(pinProblem(pin), pin).toBe('PIN_FORMAT');
  });
  it('accepts ordinary PINs, including almost-runs and wrap-arounds', () => {
    for (const pin of ['1357', '2580', '8901', '1233', '12345679', '90210', '4455']) expect(pinProblem(pin), pin).toBeNull();
  });
  it('isTrivialPin looks at every digit, not just the ends', () => {
    expect(isTrivialPin('1243')).toBe(false);
    expect(isTrivialPin('5555')).toBe(true);
  });
});
