// Printing in the main process, behind one interface: the rest of the app asks to print a document on a register
// (or to open its drawer) and never sees a printer. Invariant: `print` never throws for printer trouble (the job is
// queued and retried; the answer says whether it printed); the drawer opens only through the register's printer and
// only when asked now (never queued); a register with no printer prints nothing and opens nothing.
import type { Db } from '../../db/open';
import type { DrawerSettings, Logo, Paper, PrinterSettings, PrintDocument } from '../../src/print';
import { columnsFor, isAllowedDevicePath, isAllowedPrinterHost, logoDataUrl, logoRgba } from '../../src/print';
import { encodeDrawerPulse, encodeEscPos } from './escpos';
import { documentToHtml } from './html';
import type { PrintJobView } from './queue';
import { PrintQueue } from './queue';
import type { PrinterStatus } from './transport';
import { PrinterError, probeTcp, sendDevice, sendTcp } from './transport';

export type { PrintJobView } from './queue';
export { PrinterError } from './transport';

/** Prints an HTML page silently on a system printer (electron/print.ts); absent in browser mode. */
export type SystemPrint = (html: string, target: { deviceName: string; paper: Paper }) => Promise<void>;

export interface PrintingOptions {
  readonly db: Db;
  /** The register's printer settings as they are now (read per job, so an admin's change applies at once). */
  readonly settingsFor: (registerId: string) => PrinterSettings;
  readonly systemPrint?: SystemPrint | null;
  /** The store's logo (the register's branch), as stored; null for none. Printed where a document asks for it. */
  readonly logoFor?: (registerId: string) => Logo | null;
  /** Which raw device paths may be written to (default: the allow-list, isAllowedDevicePath); tests pass a temp file. */
  readonly deviceAllowed?: (path: string) => boolean;
  readonly now?: () => Date;
  readonly maxAttempts?: number;
  readonly backoffMs?: (attempt: number) => number;
  readonly onChange?: (job: PrintJobView) => void;
  /** Network timeouts (ms): connecting and writing, and waiting for a status answer. */
  readonly timeoutMs?: number;
  readonly statusWaitMs?: number;
}

export type DrawerResult = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

export interface Printing {
  /**
   * Queues `doc` for the register's printer and makes the first attempt. Resolves with the job after that attempt
   * (DONE, or PENDING with its error and next retry), or null when the register has no printer. Never rejects for
   * printer trouble.
   */
  print(registerId: string, doc: PrintDocument): Promise<PrintJobView | null>;
  /** Kicks the drawer now with the register's pulse. Refused (not queued) when there is no drawer or it is offline. */
  openDrawer(registerId: string): Promise<DrawerResult>;
  /** What the printer says about itself: ready, paper-out, offline, unreachable, unknown (no answer), none. */
  status(registerId: string): Promise<PrinterStatus | 'unreachable' | 'none'>;
  jobs(registerId: string, limit?: number): PrintJobView[];
  /** "Reimprimir" a waiting or failed job now; resolves after the attempt. Null when unknown or already printed. */
  retry(jobId: string): Promise<PrintJobView | null>;
  /** Starts the retry timer. */
  start(): void;
  stop(): void;
}

/** A stored device path is written to only if it is still an allowed one (settings written before the allow-list). */
function checkedDevice(path: string, allowed: (path: string) => boolean = isAllowedDevicePath): string {
  if (!allowed(path)) throw new PrinterError('PRINTER_NOT_CONFIGURED', `dispositivo no permitido: ${path}`);
  return path;
}

export function createPrinting(options: PrintingOptions): Printing {
  // A printer that did not answer a status query is not asked again for a while: many clones never answer, and
  // waiting for them would add the whole status wait to every receipt.
  const SILENT_RECHECK_MS = 10 * 60_000;
  const silentSince = new Map<string, number>();
  const clock = () => (options.now ?? (() => new Date()))().getTime();
  const tcp = (host: string, port: number) => {
    // A stored host off the store's network (settings written before the rule) is never connected to.
    if (!isAllowedPrinterHost(host)) throw new PrinterError('PRINTER_NOT_CONFIGURED', `impresora fuera de la red del local: ${host}`);
    const since = silentSince.get(`${host}:${port}`);
    const skip = since !== undefined && clock() - since < SILENT_RECHECK_MS;
    return { host, port, timeoutMs: options.timeoutMs, statusWaitMs: skip ? 0 : options.statusWaitMs };
  };
  const noteStatus = (host: string, port: number, asked: boolean, status: PrinterStatus) => {
    if (!asked) return;
    if (status === 'unknown') silentSince.set(`${host}:${port}`, clock());
    else silentSince.delete(`${host}:${port}`);
  };

  async function send(registerId: string, doc: PrintDocument): Promise<void> {
    const settings = options.settingsFor(registerId);
    const target = settings.target;
    switch (target.kind) {
      case 'NONE':
        throw new PrinterError('PRINTER_NOT_CONFIGURED');
      case 'SYSTEM': {
        if (!options.systemPrint) throw new PrinterError('PRINTER_NOT_CONFIGURED', 'impresora del sistema solo en la aplicación de escritorio');
        const logo = options.logoFor?.(registerId) ?? null;
        await options.systemPrint(documentToHtml(doc, target.paper, logo ? logoDataUrl(logo) : null), { deviceName: target.deviceName, paper: target.paper });
        return;
      }
      case 'ESCPOS_TCP':
      case 'ESCPOS_DEVICE': {
        const logo = options.logoFor?.(registerId) ?? null;
        const bytes = encodeEscPos(doc, {
          columns: columnsFor(target.paper, target.columns),
          codepage: target.codepage,
          drawer: settings.drawer,
          logo: logo ? logoRgba(logo) : null,
        });
        if (target.kind === 'ESCPOS_TCP') {
          const conn = tcp(target.host, target.port);
          noteStatus(target.host, target.port, conn.statusWaitMs !== 0, await sendTcp(conn, bytes));
        } else await sendDevice(checkedDevice(target.path, options.deviceAllowed), bytes);
        return;
      }
    }
  }

  const queue = new PrintQueue({ db: options.db, send, now: options.now, maxAttempts: options.maxAttempts, backoffMs: options.backoffMs, onChange: options.onChange });

  async function kick(drawer: DrawerSettings, settings: PrinterSettings): Promise<void> {
    const target = settings.target;
    if (target.kind === 'ESCPOS_TCP') await sendTcp(tcp(target.host, target.port), encodeDrawerPulse(drawer));
    else if (target.kind === 'ESCPOS_DEVICE') await sendDevice(checkedDevice(target.path, options.deviceAllowed), encodeDrawerPulse(drawer));
    else throw new PrinterError('PRINTER_NOT_CONFIGURED', 'el cajón se abre solo con una impresora ESC/POS');
  }

  return {
    async print(registerId, doc) {
      if (options.settingsFor(registerId).target.kind === 'NONE') return null;
      const job = queue.enqueue(registerId, doc);
      await queue.drain();
      return queue.job(job.id);
    },
    async openDrawer(registerId) {
      const settings = options.settingsFor(registerId);
      if (!settings.drawer) return { ok: false, code: 'DRAWER_NOT_CONFIGURED', message: 'Esta caja no tiene cajón configurado' };
      try {
        await kick(settings.drawer, settings);
        return { ok: true };
      } catch (e) {
        const err = e instanceof PrinterError ? e : new PrinterError('PRINTER_OFFLINE', e instanceof Error ? e.message : String(e));
        return { ok: false, code: err.code, message: err.message };
      }
    },
    async status(registerId) {
      const target = options.settingsFor(registerId).target;
      if (target.kind === 'NONE') return 'none';
      if (target.kind === 'ESCPOS_TCP') return isAllowedPrinterHost(target.host) ? probeTcp(tcp(target.host, target.port)) : 'unknown';
      return 'unknown';
    },
    jobs: (registerId, limit) => queue.jobs(registerId, limit),
    async retry(jobId) {
      if (!queue.retry(jobId)) return null;
      await queue.drain();
      return queue.job(jobId);
    },
    start: () => queue.start(),
    stop: () => queue.stop(),
  };
}
