// The catalog: products, barcodes, stock movements and CSV import.
import { z } from 'zod';
import {
  Id,
  Amount,
  UnitSchema,
  Quantity,
  SignedQuantity,
  Barcode,
  TaxRateBp,
  ProductSchema,
  StockMovementSchema,
  ImportErrorSchema,
  PaginationSchema,
} from '../schemas';
import type { Feature } from './define';
import { query, mutation, Name, Text, Page } from './define';

const Sku = z.string().trim().min(1).max(40);

/** Where the last import stands: RUNNING, DONE, FAILED (a chunk threw) or INTERRUPTED (the app stopped midway). */
export const IMPORT_JOB_STATUSES = ['RUNNING', 'DONE', 'FAILED', 'INTERRUPTED'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

export const PRODUCTS_COMMANDS = {
  'products.create': mutation({
    input: {
      sku: Sku,
      barcode: Barcode.optional(),
      barcodes: z.array(Barcode).max(20).optional(),
      name: Name,
      price: Amount,
      stock: Quantity.optional(),
      unit: UnitSchema.optional(),
      category: Text(60).optional(),
      taxRateBp: TaxRateBp.optional(),
    },
    output: z.object({ product: ProductSchema }),
    auth: true,
    permission: 'products:manage',
    summary: 'Create a product. Every barcode is unique across the catalog; initial stock is an INITIAL stock movement.',
  }),
  'products.update': mutation({
    input: {
      id: Id,
      sku: Sku.optional(),
      barcodes: z.array(Barcode).max(20).optional(),
      name: Name.optional(),
      price: Amount.optional(),
      unit: UnitSchema.optional(),
      category: Text(60).nullable().optional(),
      taxRateBp: TaxRateBp.optional(),
      active: z.boolean().optional(),
    },
    output: z.object({ product: ProductSchema }),
    auth: true,
    permission: 'products:manage',
    summary: 'Change a product. `barcodes` replaces the whole set. Stock only moves through products.adjustStock, sales and refunds.',
  }),
  'products.adjustStock': mutation({
    input: { productId: Id, delta: SignedQuantity, reason: Text(200) },
    output: z.object({ product: ProductSchema, movement: StockMovementSchema }),
    auth: true,
    permission: 'products:manage',
    summary: 'Move stock by `delta` (units, or a decimal string for weighed items), kept as an ADJUSTMENT stock movement.',
  }),
  'products.movements': query({
    input: { productId: Id, limit: z.int().min(1).max(500).default(100) },
    output: z.object({ product: ProductSchema, movements: z.array(StockMovementSchema) }),
    auth: true,
    permission: null,
    summary: 'Stock movements of a product, newest first. The stock is always their sum.',
  }),
  'products.search': query({
    input: { query: z.string().trim().min(1).max(100), limit: z.int().min(1).max(50).default(20), includeInactive: z.boolean().optional() },
    output: z.object({ products: z.array(ProductSchema.extend({ match: z.enum(['BARCODE', 'SKU', 'NAME']) })) }),
    auth: true,
    permission: null,
    summary:
      'Scanner and typing lookup: an exact barcode or SKU first, then names by word prefix, accents and case ignored ("cafe" finds "Café"). Every word must match.',
  }),
  'products.import': mutation({
    input: { csv: z.string().min(1).max(64_000_000), goodRowsOnly: z.boolean().optional() },
    output: z.object({
      created: z.int(),
      updated: z.int(),
      skipped: z.int(),
      errors: z.array(ImportErrorSchema),
    }),
    auth: true,
    permission: 'products:manage',
    summary:
      'Header-mapped CSV (sku, name, price; optional barcodes, unit, category, tax_rate, stock, active). Every row is validated; with any bad row nothing is written (IMPORT_INVALID, details.errors by line) unless `goodRowsOnly`. Each error has `line`, `field`, a stable `code` (MISSING_COLUMN, MISSING_FIELD, BAD_PRICE, DUPLICATE_SKU, …), an English `reason` and the `params` it names. A known SKU is updated, not duplicated. The rows are written in short transactions while the counter keeps selling (progress: `products.importStatus`); not atomic: an interrupted import leaves the first rows in, and the same file imported again finishes it. One import at a time: another import or a product edit meanwhile is refused (BULK_IN_PROGRESS).',
  }),
  'products.importStatus': query({
    input: {},
    output: z.object({
      import: z
        .object({
          id: z.string(),
          status: z.enum(IMPORT_JOB_STATUSES),
          /** Rows to write and rows written (committed). */
          total: z.int().min(0),
          done: z.int().min(0),
          created: z.int().min(0),
          updated: z.int().min(0),
          skipped: z.int().min(0),
          startedAt: z.string(),
          updatedAt: z.string(),
        })
        .nullable(),
    }),
    auth: true,
    permission: 'products:manage',
    summary: 'The last products.import: its status (RUNNING, DONE, FAILED, INTERRUPTED) and rows written of the total, for the "importando 40.000 / 100.000" line; null when there never was one.',
  }),
  'products.list': query({
    input: { query: z.string().max(100).optional(), ...Page },
    output: z.object({ products: z.array(ProductSchema), pagination: PaginationSchema }),
    auth: true,
    permission: null,
    summary: 'Products by name, SKU or barcode, paged.',
  }),
} as const satisfies Feature<'products'>;
