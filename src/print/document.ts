// The layout-neutral printed document: what a receipt or report says, not how a printer or a page draws it.
// Invariant: a document is plain data (JSON-safe, no functions); every amount in it is already formatted text, so the
// ESC/POS and HTML targets never touch money. Targets decide widths; a document never assumes a column count.

export type Align = 'left' | 'center' | 'right';

/** One printable block, top to bottom. */
export type Block =
  /** A paragraph; wraps at the target's width. `size: 'double'` is double width and height (totals, titles). */
  | { readonly kind: 'text'; readonly text: string; readonly align?: Align; readonly bold?: boolean; readonly size?: 'normal' | 'double' }
  /** A label on the left and a value on the right of the same line (amounts); the label wraps, the value never does. */
  | { readonly kind: 'pair'; readonly left: string; readonly right: string; readonly bold?: boolean; readonly size?: 'normal' | 'double' }
  /** A horizontal separator across the full width. */
  | { readonly kind: 'rule'; readonly style: 'single' | 'double' }
  /** Blank lines. */
  | { readonly kind: 'feed'; readonly lines: number }
  /** A QR code of `value` (the sale number), centred. */
  | { readonly kind: 'qr'; readonly value: string }
  /** The store's logo where the target has one configured; nothing otherwise. */
  | { readonly kind: 'logo' }
  /** A line to sign on, with the signer's role and name under it. */
  | { readonly kind: 'signature'; readonly label: string };

export type DocumentKind =
  | 'RECEIPT'
  | 'VOID_SLIP'
  | 'REFUND_SLIP'
  | 'MOVEMENT_SLIP'
  | 'HANDOVER_SLIP'
  | 'PARTIAL_COUNT'
  | 'X_REPORT'
  | 'Z_REPORT'
  | 'DAILY_REPORT'
  | 'NO_SALE'
  | 'TEST_PAGE';

export interface PrintDocument {
  readonly kind: DocumentKind;
  /** A short human title for queues and logs ("Recibo B1-C1-20261129-0001"). */
  readonly title: string;
  readonly blocks: readonly Block[];
  /** Cut the paper after the last block (thermal targets; ignored on pages). */
  readonly cut: boolean;
  /** Pulse the cash drawer before printing (thermal targets with a drawer; ignored elsewhere). */
  readonly openDrawer: boolean;
}

/** Text lines of a document at `columns` characters: the plain rendering used for previews, tests and logs. */
export function toPlainLines(doc: PrintDocument, columns: number): string[] {
  const out: string[] = [];
  for (const block of doc.blocks) out.push(...layoutBlock(block, columns));
  return out;
}

/**
 * The lines one block occupies at `columns` characters (double size halves the columns). Shared by the plain and the
 * ESC/POS targets so the two agree on wrapping. `qr` and `logo` lay out to nothing: they are graphics.
 */
export function layoutBlock(block: Block, columns: number): string[] {
  switch (block.kind) {
    case 'text': {
      const width = block.size === 'double' ? Math.floor(columns / 2) : columns;
      return wrap(block.text, width).map((line) => alignLine(line, width, block.align ?? 'left'));
    }
    case 'pair': {
      const width = block.size === 'double' ? Math.floor(columns / 2) : columns;
      return pairLines(block.left, block.right, width);
    }
    case 'rule':
      return [(block.style === 'double' ? '=' : '-').repeat(columns)];
    case 'feed':
      return Array.from({ length: block.lines }, () => '');
    case 'signature':
      return ['', '', alignLine('_'.repeat(Math.min(32, columns)), columns, 'center'), alignLine(block.label, columns, 'center')];
    case 'qr':
    case 'logo':
      return [];
  }
}

/** Word wrap at `width`; a word longer than a line is split. An empty text is one empty line. */
export function wrap(text: string, width: number): string[] {
  if (width < 1) throw new Error(`width must be at least 1, got ${width}`);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // Leading spaces are an indent (sub-lines of a receipt line): kept on the first line of the paragraph.
    const indent = (/^ */.exec(paragraph)?.[0] ?? '').slice(0, Math.max(0, width - 1));
    let line = indent;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      let rest = word;
      while (rest.length > width) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      if (line.trim() === '') line += rest;
      else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

function alignLine(line: string, width: number, align: Align): string {
  const gap = Math.max(0, width - line.length);
  if (align === 'right') return ' '.repeat(gap) + line;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + line;
  return line;
}

/** The label wraps to leave room for the value on its last line, or the value goes on a line of its own. */
function pairLines(left: string, right: string, width: number): string[] {
  const value = right.length > width ? right.slice(0, width) : right;
  const labelLines = wrap(left, width);
  const last = labelLines[labelLines.length - 1] ?? '';
  if (last.length + 1 + value.length <= width) {
    labelLines[labelLines.length - 1] = last + ' '.repeat(width - last.length - value.length) + value;
    return labelLines;
  }
  return [...labelLines, ' '.repeat(width - value.length) + value];
}
