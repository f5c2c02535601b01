// Price and weight labels printed by a store's scale: EAN-13 codes whose first two digits are 20–29 (GS1's in-store
// range) carry an item code and the weight or the price of that package. Invariant: only a 13-digit code with a valid
// check digit and an in-store prefix is read as a label; values are integers (grams as thousandths of a kg, or minor
// units), never floats.
/**
 * How a store's scale lays out its labels after the two-digit prefix: `itemDigits` of item code (the product's PLU,
 * looked up as a barcode or SKU), then `valueDigits` of value, then the EAN check digit; when `priceCheckDigit` is set
 * one digit between the item code and the value is a check digit of the value and is skipped. `kind` says whether the
 * value is a weight in grams (thousandths of a kg) or a price in minor units. `prefixes` are the two-digit prefixes
 * the scale uses. Validated where it enters by LabelLayoutSchema (label-layout.ts); this module stays zod-free for the
 * renderer.
 */
export interface LabelLayout {
  readonly kind: 'WEIGHT' | 'PRICE';
  readonly itemDigits: number;
  readonly valueDigits: number;
  readonly priceCheckDigit: boolean;
  readonly prefixes: string[];
}

export const ALL_LABEL_PREFIXES: readonly string[] = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'];

/** The common layout: 2-digit prefix, 5 digits of item code, 5 digits of weight in grams, check digit. */
export const DEFAULT_LABEL_LAYOUT: LabelLayout = { kind: 'WEIGHT', itemDigits: 5, valueDigits: 5, priceCheckDigit: false, prefixes: [...ALL_LABEL_PREFIXES] };

/** What a label says: the item code (digits as printed, leading zeros kept) and a weight or a price. */
export type LabelReading =
  | { readonly kind: 'WEIGHT'; readonly itemCode: string; /** Thousandths of a kg (grams). */ readonly milli: number }
  | { readonly kind: 'PRICE'; readonly itemCode: string; /** Minor units. */ readonly price: number };

/** Whether `code` is 13 digits whose last is the EAN-13 check digit of the first 12. */
export function isValidEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(code[12]);
}

/**
 * Reads a scanned code as a scale label under `layout`. Null when it is not one: not 13 digits, a wrong check digit,
 * a prefix the layout does not use, or a zero value (a label that weighs nothing sells nothing).
 */
export function parseLabelBarcode(code: string, layout: LabelLayout): LabelReading | null {
  const text = code.trim();
  if (!isValidEan13(text) || !layout.prefixes.includes(text.slice(0, 2))) return null;
  const itemCode = text.slice(2, 2 + layout.itemDigits);
  const valueStart = 2 + layout.itemDigits + (layout.priceCheckDigit ? 1 : 0);
  const value = Number.parseInt(text.slice(valueStart, valueStart + layout.valueDigits), 10);
  if (!Number.isSafeInteger(value) || value <= 0) return null;
  return layout.kind === 'WEIGHT' ? { kind: 'WEIGHT', itemCode, milli: value } : { kind: 'PRICE', itemCode, price: value };
}

/** The EAN-13 check digit of 12 digits (to build labels in tests and demo data). Throws on anything but 12 digits. */
export function ean13CheckDigit(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new Error(`need 12 digits, got ${first12}`);
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}
