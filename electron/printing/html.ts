// The HTML target lives in the core (src/print/html.ts) since HQ's console prints the same pages; this module adds the
// register's QR drawing to it. A QR block becomes an inline SVG drawn by @paulmillr/qr (the same sale number the
// ESC/POS printer draws with its own QR command); the core cannot import the library, so the drawing is injected.
import encodeQR from '@paulmillr/qr';
import type { Paper, PrintDocument } from '../../src/print';
import { documentToHtml as coreDocumentToHtml } from '../../src/print/html';

export { PAPER_MM } from '../../src/print/html';

/** The QR of `value` as an inline SVG element (no script, no remote resource; the markup is the library's own). */
export function qrSvg(value: string): string {
  return encodeQR(value, 'svg', { ecc: 'medium', border: 2 }).replace(/^<svg /, '<svg role="img" aria-label="QR" ');
}

/** The whole HTML page of `doc` on `paper`, QR blocks drawn. `logoDataUrl` is an inline data: URL or null. */
export function documentToHtml(doc: PrintDocument, paper: Paper, logoDataUrl: string | null = null): string {
  return coreDocumentToHtml(doc, paper, logoDataUrl, qrSvg);
}
