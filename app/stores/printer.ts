// The sell screen's view of printing: this register's printer, its latest jobs ("impresora sin conexión — reimprimir")
// and the store's scale-label layout, polled from `print.counter` while the sell screen is open.
import { create } from 'zustand';
import type { CommandOutput } from '../../src/contract';
import { DEFAULT_LABEL_LAYOUT } from '../../src/catalog/label-barcode';
import { invoke } from '../api';

export type PrinterCounter = CommandOutput<'print.counter'>;
export type PrintJob = PrinterCounter['jobs'][number];

export interface PrinterState {
  readonly counter: PrinterCounter;
  /** Whether `counter` has been read at least once (until then it is a placeholder: nothing is disabled for it). */
  readonly known: boolean;
  refresh(): Promise<void>;
}

export const usePrinter = create<PrinterState>()((set) => ({
  counter: { printer: 'NONE', autoPrintReceipt: false, drawer: false, jobs: [], labelLayout: DEFAULT_LABEL_LAYOUT },
  known: false,
  refresh: async () => {
    const reply = await invoke('print.counter', {});
    if (reply.ok) set({ counter: reply.data, known: true });
  },
}));

/** A job that has not printed yet after at least one try: waiting for a retry, or given up (FAILED). */
export const isStuck = (job: PrintJob): boolean => job.status === 'FAILED' || (job.status === 'PENDING' && job.attempts > 0);
