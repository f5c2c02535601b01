// PDF output of a window's current page: A4 reports and 80 mm thermal receipts. Not wired to a command yet.
// Sizes are in inches, as Electron's printToPDF expects them; the page itself styles for print with @media print.
import type { WebContents } from 'electron';

const MM_PER_INCH = 25.4;
const CSS_PX_PER_INCH = 96;

export type PaperKind = 'A4' | 'RECEIPT_80MM';

/** Printable width of an 80 mm roll is 72 mm; the PDF page is the full roll width with 4 mm side margins. */
export const RECEIPT_WIDTH_MM = 80;
const RECEIPT_MARGIN_MM = 4;
const RECEIPT_MIN_HEIGHT_MM = 100;
/** Chromium refuses absurd page heights; a longer receipt continues on a second page. */
const RECEIPT_MAX_HEIGHT_MM = 2000;

const inches = (mm: number): number => mm / MM_PER_INCH;

/** The height of the rendered document, in millimetres. */
async function contentHeightMm(contents: WebContents): Promise<number> {
  const px: unknown = await contents.executeJavaScript('Math.ceil(document.documentElement.scrollHeight)', true);
  const value = typeof px === 'number' && Number.isFinite(px) && px > 0 ? px : 0;
  return (value / CSS_PX_PER_INCH) * MM_PER_INCH;
}

/** A4 portrait, 1 cm margins, backgrounds printed. */
export function printA4(contents: WebContents): Promise<Buffer> {
  return contents.printToPDF({
    pageSize: 'A4',
    printBackground: true,
    margins: { marginType: 'custom', top: inches(10), bottom: inches(10), left: inches(10), right: inches(10) },
  });
}

/** An 80 mm receipt as one long page as tall as its content (or `heightMm` when given). */
export async function printReceipt80mm(contents: WebContents, heightMm?: number): Promise<Buffer> {
  const measured = heightMm ?? (await contentHeightMm(contents)) + 2 * RECEIPT_MARGIN_MM;
  const height = Math.min(RECEIPT_MAX_HEIGHT_MM, Math.max(RECEIPT_MIN_HEIGHT_MM, measured));
  return contents.printToPDF({
    pageSize: { width: inches(RECEIPT_WIDTH_MM), height: inches(height) },
    printBackground: false,
    margins: {
      marginType: 'custom',
      top: inches(RECEIPT_MARGIN_MM),
      bottom: inches(RECEIPT_MARGIN_MM),
      left: inches(RECEIPT_MARGIN_MM),
      right: inches(RECEIPT_MARGIN_MM),
    },
  });
}

export function printToPdf(contents: WebContents, paper: PaperKind): Promise<Buffer> {
  return paper === 'A4' ? printA4(contents) : printReceipt80mm(contents);
}
