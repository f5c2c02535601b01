// ESC/POS target: a PrintDocument to the bytes a thermal printer takes, through @point-of-sale/receipt-printer-encoder
// (the command set is the library's, not ours). Invariant: one fixed code page per job (cp858 by default, Spanish and
// the euro), lines laid out by src/print so the paper and the plain preview wrap alike; the drawer pulse goes first so
// the drawer opens while the paper prints, the cut goes last.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Block, DrawerSettings, PrintDocument } from '../../src/print';
import { layoutBlock } from '../../src/print';

/** An RGBA bitmap (4 bytes a pixel, row by row) printed centred where a document asks for the logo. */
export interface LogoBitmap {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface EscPosOptions {
  /** Characters per line in font A (48 on 80 mm, 32 on 58 mm). */
  readonly columns: number;
  readonly codepage: 'cp858' | 'cp850';
  /** Null when the register has no drawer: the pulse is never sent. */
  readonly drawer: DrawerSettings | null;
  readonly logo?: LogoBitmap | null;
}

/** The ESC/POS bytes of `doc`. Throws only on a bug (a logo of impossible size). */
export function encodeEscPos(doc: PrintDocument, options: EscPosOptions): Uint8Array {
  const encoder = newEncoder(options.columns).initialize().codepage(options.codepage);
  if (doc.openDrawer && options.drawer) pulse(encoder, options.drawer);
  for (const block of doc.blocks) encodeBlock(encoder, block, options);
  if (doc.cut) encoder.cut('partial');
  return encoder.encode();
}

/** Only the drawer pulse (the "Abrir cajón" kick with nothing to print). */
export function encodeDrawerPulse(drawer: DrawerSettings): Uint8Array {
  return pulse(newEncoder(48).initialize(), drawer).encode();
}

function newEncoder(columns: number): ReceiptPrinterEncoder {
  // Epson's code page numbering is the one ESC/POS clones follow (cp858 = 19, cp850 = 2).
  return new ReceiptPrinterEncoder({ language: 'esc-pos', columns, codepageMapping: 'epson', newline: '\n', feedBeforeCut: 4 });
}

function pulse(encoder: ReceiptPrinterEncoder, drawer: DrawerSettings): ReceiptPrinterEncoder {
  // ESC p m t1 t2: m 0 is connector pin 2, m 1 is pin 5; the library takes milliseconds.
  return encoder.pulse(drawer.pin === 2 ? 0 : 1, drawer.onMs, drawer.offMs);
}

function encodeBlock(encoder: ReceiptPrinterEncoder, block: Block, options: EscPosOptions): void {
  switch (block.kind) {
    case 'text':
    case 'pair': {
      const double = block.size === 'double';
      if (block.bold) encoder.bold(true);
      if (double) encoder.size(2, 2);
      for (const line of layoutBlock(block, options.columns)) encoder.line(line);
      if (double) encoder.size(1, 1);
      if (block.bold) encoder.bold(false);
      return;
    }
    case 'rule':
    case 'feed':
    case 'signature':
      for (const line of layoutBlock(block, options.columns)) encoder.line(line);
      return;
    case 'qr':
      encoder.align('center').qrcode(block.value, { model: 2, size: 6, errorlevel: 'm' }).align('left');
      return;
    case 'logo':
      if (options.logo) {
        const { width, height, data } = options.logo;
        encoder.align('center').image({ width, height, data }, { width, height, algorithm: 'threshold' }).align('left');
      }
      return;
  }
}
