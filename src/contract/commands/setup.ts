// A store's first start: whether it is set up, and setting it up (standalone, or the demo store on request).
// Invariant: these commands answer without sign-in; setup.initialize and setup.demo act only while the store has no
// branch and are refused (ALREADY_INITIALIZED) ever after.
import { z } from 'zod';
import { isIanaTimeZone, duplicates } from '../../setup/store';
import { Code, CurrencySchema, Id, Pin, RegisterSchema, SpecialtySchema, TaxRateBp } from '../schemas';
import type { Feature } from './define';
import { mutation, query, Name } from './define';

export const StoreModeSchema = z.enum(['standalone', 'enrolled']);

const Optional = (max: number) => z.string().trim().max(max).default('');

export const SetupRegisterInput = z.strictObject({ code: Code, name: Name, specialty: SpecialtySchema });

export const SETUP_COMMANDS = {
  'setup.status': query({
    input: {},
    output: z.object({
      initialized: z.boolean(),
      mode: StoreModeSchema.nullable(),
      /** The store's branch once set up. */
      branch: z.object({ code: z.string(), name: z.string(), timeZone: z.string(), currency: CurrencySchema }).nullable(),
      /** The time zone of the PC the engine runs on: what setup offers first. */
      defaultTimeZone: z.string(),
    }),
    auth: false,
    permission: null,
    summary: 'Whether this store is set up, and how (standalone or enrolled at headquarters). Answers without sign-in.',
  }),
  'setup.initialize': mutation({
    input: {
      branch: z.strictObject({
        code: Code,
        name: Name,
        taxId: Optional(30),
        address: Optional(160),
        phone: Optional(40),
        timeZone: z.string().refine(isIanaTimeZone, 'Zona horaria desconocida (use un nombre IANA, p. ej. America/La_Paz)'),
        currency: CurrencySchema,
        /** Basis points: 1300 = 13 %. What a new product gets unless it says otherwise. */
        defaultTaxRateBp: TaxRateBp,
      }),
      registers: z
        .array(SetupRegisterInput)
        .min(1)
        .max(20)
        .superRefine((rs, ctx) => {
          for (const code of duplicates(rs.map((r) => r.code))) {
            const at = rs.findLastIndex((r) => r.code === code);
            ctx.addIssue({ code: 'custom', path: [at, 'code'], message: `Código repetido: ${code}` });
          }
        }),
      admin: z.strictObject({
        username: z.string().trim().regex(/^[a-z0-9._-]{2,40}$/, 'De 2 a 40 minúsculas, dígitos, punto, guion o guion bajo'),
        name: Name,
        pin: Pin,
        pinConfirm: Pin,
      }),
    },
    output: z.object({
      branch: z.object({ id: Id, code: z.string(), name: z.string() }),
      registers: z.array(RegisterSchema),
      admin: z.object({ username: z.string(), name: z.string() }),
    }),
    auth: false,
    permission: null,
    summary:
      'Set up a standalone store in one transaction: its branch (receipt header, time zone, currency, default tax rate), its registers and the first administrator, whose PIN is typed twice (PIN_MISMATCH) and may not be trivial (PIN_TRIVIAL). Only while the store is not set up (ALREADY_INITIALIZED after).',
  }),
  'setup.demo': mutation({
    input: {},
    output: z.object({ seeded: z.boolean() }),
    auth: false,
    permission: null,
    summary: 'Create the demo store (README) instead of a real one: "probar la demo". Only while the store is not set up.',
  }),
} as const satisfies Feature<'setup'>;
