// The zod shape of a PrintDocument, for documents read back from the print queue (or received over a transport).
// Invariant: accepts exactly what src/print/document.ts declares, with bounded sizes, nothing more.
import { z } from 'zod';
import type { PrintDocument } from './document';

const Text = z.string().max(2000);
const Size = z.enum(['normal', 'double']).optional();

export const BlockSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: Text, align: z.enum(['left', 'center', 'right']).optional(), bold: z.boolean().optional(), size: Size }),
  z.strictObject({ kind: z.literal('pair'), left: Text, right: Text, bold: z.boolean().optional(), size: Size }),
  z.strictObject({ kind: z.literal('rule'), style: z.enum(['single', 'double']) }),
  z.strictObject({ kind: z.literal('feed'), lines: z.int().min(1).max(20) }),
  z.strictObject({ kind: z.literal('qr'), value: z.string().min(1).max(300) }),
  z.strictObject({ kind: z.literal('logo') }),
  z.strictObject({ kind: z.literal('signature'), label: Text }),
]);

export const PrintDocumentSchema = z.strictObject({
  kind: z.enum(['RECEIPT', 'VOID_SLIP', 'REFUND_SLIP', 'MOVEMENT_SLIP', 'HANDOVER_SLIP', 'PARTIAL_COUNT', 'X_REPORT', 'Z_REPORT', 'DAILY_REPORT', 'NO_SALE', 'TEST_PAGE']),
  title: z.string().max(200),
  blocks: z.array(BlockSchema).max(5000),
  cut: z.boolean(),
  openDrawer: z.boolean(),
}) satisfies z.ZodType<PrintDocument>;
