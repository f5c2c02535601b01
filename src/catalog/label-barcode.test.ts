import { describe, expect, it } from 'vitest';
import { DEFAULT_LABEL_LAYOUT, ean13CheckDigit, isValidEan13, parseLabelBarcode } from './label-barcode';
import { LabelLayoutSchema } from './label-layout';

const label = (twelve: string): string => twelve + ean13CheckDigit(twelve);

describe('parseLabelBarcode', () => {
  it('reads the default layout: prefix, 5 digits of item code, 5 of grams', () => {
    expect(parseLabelBarcode(label('200004201250'), DEFAULT_LABEL_LAYOUT)).toEqual({ kind: 'WEIGHT', itemCode: '00042', milli: 1250 });
    expect(parseLabelBarcode(label('290004200750'), DEFAULT_LABEL_LAYOUT)).toEqual({ kind: 'WEIGHT', itemCode: '00042', milli: 750 });
  });

  it('reads a price layout with a price check digit, as minor units', () => {
    const layout = LabelLayoutSchema.parse({ kind: 'PRICE', itemDigits: 4, valueDigits: 5, priceCheckDigit: true, prefixes: ['23'] });
    // 23 | 1234 | 7 (price check, skipped) | 01575 | check
    expect(parseLabelBarcode(label('231234701575'), layout)).toEqual({ kind: 'PRICE', itemCode: '1234', price: 1575 });
    expect(parseLabelBarcode(label('201234701575'), layout)).toBeNull(); // prefix 20 not used by this store
  });

  it('is not a label: a wrong check digit, a product code outside 20–29, a short code, a zero value', () => {
    const good = label('200004201250');
    const bad = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
    expect(parseLabelBarcode(bad, DEFAULT_LABEL_LAYOUT)).toBeNull();
    expect(parseLabelBarcode('7771000000019', DEFAULT_LABEL_LAYOUT)).toBeNull();
    expect(parseLabelBarcode('2000042', DEFAULT_LABEL_LAYOUT)).toBeNull();
    expect(parseLabelBarcode(label('200004200000'), DEFAULT_LABEL_LAYOUT)).toBeNull();
  });

  it('a layout must fill the ten digits between prefix and check digit', () => {
    expect(LabelLayoutSchema.safeParse({ kind: 'WEIGHT', itemDigits: 5, valueDigits: 4 }).success).toBe(false);
    expect(LabelLayoutSchema.safeParse({ kind: 'WEIGHT', itemDigits: 6, valueDigits: 4 }).success).toBe(true);
    expect(LabelLayoutSchema.safeParse({ kind: 'WEIGHT', itemDigits: 5, valueDigits: 5, prefixes: ['30'] }).success).toBe(false);
  });

  it('checks EAN-13 check digits (the demo store’s barcodes are valid)', () => {
    expect(isValidEan13('7771000000019')).toBe(true);
    expect(isValidEan13('7771000000018')).toBe(false);
    expect(() => ean13CheckDigit('123')).toThrow();
  });
});
