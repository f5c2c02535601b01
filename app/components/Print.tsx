// Printing: a document is rendered into a host outside #root and the page's print stylesheet shows only that host,
// on an 80 mm roll (receipts, short reports) or an A4 page. window.print() is the browser's and Electron's dialog; the
// document stays in the host (hidden on screen) until the next print, so a reprint is instant.
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { create } from 'zustand';

export type PaperKind = 'receipt' | 'a4';

interface PrintState {
  readonly doc: { readonly kind: PaperKind; readonly node: ReactNode; readonly seq: number } | null;
  print(kind: PaperKind, node: ReactNode): void;
}

export const usePrint = create<PrintState>()((set, get) => ({
  doc: null,
  print: (kind, node) => set({ doc: { kind, node, seq: (get().doc?.seq ?? 0) + 1 } }),
}));

export function PrintHost() {
  const doc = usePrint((s) => s.doc);
  useEffect(() => {
    if (doc === null) return;
    document.documentElement.dataset.print = doc.kind;
    // After the host has rendered: open the print dialog.
    const timer = window.setTimeout(() => window.print(), 0);
    return () => window.clearTimeout(timer);
  }, [doc]);
  if (doc === null) return null;
  return createPortal(
    <div className={`print-host print-${doc.kind}`} data-testid="print-host" data-kind={doc.kind} data-seq={doc.seq}>
      {doc.node}
    </div>,
    document.body,
  );
}
