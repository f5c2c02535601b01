// Electron's printing: PDF output of a window's page (A4 reports, 80 mm receipts), and silent printing of a rendered
// document (electron/printing/html.ts) on a system printer by name. Invariant: the print window is hidden, sandboxed,
// loads only the given HTML (no script runs, no network), and is destroyed after every job, printed or not.
// printToPDF sizes are in inches; webContents.print page sizes are in microns.
import { BrowserWindow } from 'electron';
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

export type SilentPaper = 'MM58' | 'MM80' | 'A4';
const PAPER_WIDTH_MM: Readonly<Record<SilentPaper, number>> = { MM58: 58, MM80: 80, A4: 210 };
const MICRONS_PER_MM = 1000;

/**
 * Prints `html` silently on the system printer `deviceName`. Thermal paper: a page as wide as the roll and as tall as
 * its content (measured in the page); A4: A4. Rejects with Electron's reason when the printer refuses or is unknown.
 */
export async function printHtmlSilently(html: string, target: { deviceName: string; paper: SilentPaper }): Promise<void> {
  const win = new BrowserWindow({
    show: false,
    width: Math.round((PAPER_WIDTH_MM[target.paper] / MM_PER_INCH) * CSS_PX_PER_INCH),
    height: 800,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true, webSecurity: true },
  });
  try {
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    const thermal = target.paper !== 'A4';
    const heightMm = thermal ? Math.min(RECEIPT_MAX_HEIGHT_MM, Math.ceil(await contentHeightMm(win.webContents)) + 1) : 297;
    await new Promise<void>((resolve, reject) => {
      win.webContents.print(
        {
          silent: true,
          deviceName: target.deviceName,
          printBackground: false,
          margins: { marginType: 'none' },
          pageSize: thermal ? { width: PAPER_WIDTH_MM[target.paper] * MICRONS_PER_MM, height: heightMm * MICRONS_PER_MM } : 'A4',
        },
        (success, reason) => (success ? resolve() : reject(new Error(reason || 'print failed'))),
      );
    });
  } finally {
    win.destroy();
  }
}
