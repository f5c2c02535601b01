// Quantities on screen. A typed quantity is parsed as text into thousandths by the core's parseQuantity (never through
// a float): "0,750" and "0.750" are both 750 thousandths; a UNIT product takes whole units only.
import type { Unit } from '../src/sale/quantity';
import { fitsUnit, formatMilli, parseQuantity } from '../src/sale/quantity';
import { decimalSeparator } from './money';

export type QuantityError = 'MALFORMED' | 'WHOLE_UNITS';

export function parseTypedQuantity(text: string, unit: Unit): { ok: true; milli: number } | { ok: false; error: QuantityError } {
  const compact = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d{1,7}(\.\d{0,3})?$/.test(compact)) return { ok: false, error: 'MALFORMED' };
  const milli = parseQuantity(compact.endsWith('.') ? compact.slice(0, -1) : compact);
  if (milli === null) return { ok: false, error: 'MALFORMED' };
  if (!fitsUnit(milli, unit)) return { ok: false, error: 'WHOLE_UNITS' };
  return { ok: true, milli };
}

/** "0,750" (es) / "0.750" (en) for kilograms, "3" for units. */
export function formatQuantity(milli: number, unit: Unit, locale: string): string {
  const text = formatMilli(milli, unit);
  return decimalSeparator(locale) === ',' ? text.replace('.', ',') : text;
}
