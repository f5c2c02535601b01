// HTML target: a PrintDocument as a self-contained page for the system printer (Electron, silent), for PDF, and for HQ's console.
// Invariant: no script, no remote resource, every text escaped; thermal pages are as wide as the roll and as tall as
// their content (the caller measures the body), A4 pages never split a section's table across pages.
import type { Block, PrintDocument } from './document';
import type { Paper } from './settings';

/** Width of the page in millimetres, and the printable text width inside its margins. */
export const PAPER_MM: Readonly<Record<Paper, { readonly width: number; readonly margin: number }>> = {
  MM58: { width: 58, margin: 2 },
  MM80: { width: 80, margin: 4 },
  A4: { width: 210, margin: 15 },
};

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An SVG drawing of a QR code for `value` (a library's, injected: the core has none). */
export type QrSvg = (value: string) => string;

/**
 * The whole HTML page of `doc` on `paper`. `logoDataUrl` is an inline data: URL or null; `qrSvg` draws QR blocks, and
 * without it a QR block prints its value alone (the same lookup by eye).
 */
export function documentToHtml(doc: PrintDocument, paper: Paper, logoDataUrl: string | null = null, qrSvg: QrSvg | null = null): string {
  const { width, margin } = PAPER_MM[paper];
  const thermal = paper !== 'A4';
  // 80 mm: 72 mm of text at 48 monospace columns; 58 mm: 54 mm at 32 columns; A4 reads at 10 pt.
  const fontPt = paper === 'MM80' ? 8.5 : paper === 'MM58' ? 8 : 10;
  // Each run of blocks between rules is a section that a page break never splits (the count, the reconciliation).
  const sections: string[][] = [[]];
  for (const b of doc.blocks) {
    if (b.kind === 'rule') sections.push([]);
    sections[sections.length - 1]?.push(blockHtml(b, logoDataUrl, qrSvg));
  }
  const body = sections.filter((s) => s.length > 0).map((s) => `<section>\n${s.join('\n')}\n</section>`).join('\n');
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>${escape(doc.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<style>
  @page { size: ${thermal ? `${width}mm auto` : 'A4'}; margin: ${thermal ? 0 : `${margin}mm`}; }
  html, body { margin: 0; padding: 0; background: #fff; color: #000; }
  body { width: ${thermal ? `${width - 2 * margin}mm` : 'auto'}; padding: ${thermal ? `${margin}mm` : 0};
         font: ${fontPt}pt/1.35 "DejaVu Sans Mono", "Consolas", "Courier New", monospace; }
  .doc { ${thermal ? '' : 'max-width: 150mm; margin: 0 auto;'} }
  p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .pair { display: flex; justify-content: space-between; gap: 1ch; break-inside: avoid; }
  .pair span { white-space: pre-wrap; } .pair .r { text-align: right; white-space: nowrap; }
  .b { font-weight: 700; }
  .d { font-size: 1.8em; line-height: 1.2; }
  .center { text-align: center; } .right { text-align: right; }
  hr { border: 0; border-top: 1px dashed #000; margin: 1.2mm 0; }
  hr.double { border-top: 3px double #000; }
  .sig { margin-top: 12mm; text-align: center; break-inside: avoid; }
  .sig .line { border-top: 1px solid #000; width: 70%; margin: 0 auto 1mm; }
  .code { text-align: center; margin-top: 2mm; letter-spacing: 0.05em; }
  .qr { text-align: center; margin-top: 2mm; break-inside: avoid; }
  .qr svg { width: ${thermal ? '26mm' : '32mm'}; height: auto; shape-rendering: crispEdges; fill: #000; }
  .logo { text-align: center; } .logo img { max-width: 60%; }
  section { break-inside: avoid; }
</style></head>
<body><div class="doc">
${body}
</div></body></html>`;
}

function blockHtml(block: Block, logo: string | null, qrSvg: QrSvg | null): string {
  switch (block.kind) {
    case 'text': {
      const cls = [block.align ?? 'left', block.bold ? 'b' : '', block.size === 'double' ? 'd' : ''].filter(Boolean).join(' ');
      return `<p class="${cls}">${escape(block.text)}</p>`;
    }
    case 'pair': {
      const cls = ['pair', block.bold ? 'b' : '', block.size === 'double' ? 'd' : ''].filter(Boolean).join(' ');
      return `<div class="${cls}"><span>${escape(block.left)}</span><span class="r">${escape(block.right)}</span></div>`;
    }
    case 'rule':
      return block.style === 'double' ? '<hr class="double">' : '<hr>';
    case 'feed':
      return '<p>&nbsp;</p>'.repeat(block.lines);
    case 'signature':
      return `<div class="sig"><div class="line"></div>${escape(block.label)}</div>`;
    case 'qr':
      // The same QR the ESC/POS printer draws, with the number under it for the eye; without a drawer, the number.
      return qrSvg
        ? `<div class="qr" data-qr="${escape(block.value)}">${qrSvg(block.value)}<p class="code">${escape(block.value)}</p></div>`
        : `<p class="code">${escape(block.value)}</p>`;
    case 'logo':
      return logo && /^data:image\/(png|jpeg|gif|bmp|webp);base64,[A-Za-z0-9+/=]+$/.test(logo) ? `<div class="logo"><img alt="" src="${logo}"></div>` : '';
  }
}
