// The zod shape of a scale-label layout (src/catalog/label-barcode.ts), where a layout enters: the branch's receipt
// settings. Invariant: the item code and the value fill exactly the ten digits between the prefix and the check digit.
import { z } from 'zod';
import type { LabelLayout } from './label-barcode';
import { ALL_LABEL_PREFIXES } from './label-barcode';

export const LabelLayoutSchema = z
  .strictObject({
    kind: z.enum(['WEIGHT', 'PRICE']),
    itemDigits: z.int().min(3).max(6),
    valueDigits: z.int().min(4).max(6),
    priceCheckDigit: z.boolean().default(false),
    prefixes: z
      .array(z.string().regex(/^2\d$/, 'Prefijo entre 20 y 29'))
      .min(1)
      .max(10)
      .default([...ALL_LABEL_PREFIXES]),
  })
  .refine((l) => l.itemDigits + l.valueDigits + (l.priceCheckDigit ? 1 : 0) === 10, {
    message: 'El código del artículo y el valor deben ocupar los 10 dígitos entre el prefijo y el dígito de control',
    path: ['valueDigits'],
  }) satisfies z.ZodType<LabelLayout>;
