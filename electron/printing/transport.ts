// Raw transports for ESC/POS bytes: a network printer (raw TCP, port 9100) and a device file (USB or serial printers
// the OS exposes as /dev/usb/lp0, /dev/ttyUSB0 or COM3). Invariant: every failure becomes a PrinterError with a
// stable code and a Spanish message; a connection never stays open past its timeout.
import { open } from 'node:fs/promises';
import net from 'node:net';

export type PrinterErrorCode = 'PRINTER_OFFLINE' | 'PRINTER_PAPER_OUT' | 'PRINTER_TIMEOUT' | 'PRINTER_DEVICE_ERROR' | 'PRINTER_NOT_CONFIGURED';

const MESSAGES: Readonly<Record<PrinterErrorCode, string>> = {
  PRINTER_OFFLINE: 'Impresora sin conexión',
  PRINTER_PAPER_OUT: 'La impresora no tiene papel',
  PRINTER_TIMEOUT: 'La impresora no respondió a tiempo',
  PRINTER_DEVICE_ERROR: 'No se pudo escribir en el dispositivo de la impresora',
  PRINTER_NOT_CONFIGURED: 'Esta caja no tiene impresora configurada',
};

/** A print that did not happen; `code` is stable, `message` is for the cashier. */
export class PrinterError extends Error {
  constructor(
    readonly code: PrinterErrorCode,
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]);
    this.name = 'PrinterError';
  }
}

/** What the printer said about itself over DLE EOT; `unknown` when it does not answer (many clones never do). */
export type PrinterStatus = 'ready' | 'paper-out' | 'offline' | 'unknown';

export interface TcpOptions {
  readonly host: string;
  readonly port: number;
  /** Connect and write timeout, milliseconds. */
  readonly timeoutMs?: number;
  /** How long to wait for a status answer before printing anyway, milliseconds; 0 skips the status query. */
  readonly statusWaitMs?: number;
}

const DLE_EOT_PRINTER = Uint8Array.of(0x10, 0x04, 0x01);
const DLE_EOT_PAPER = Uint8Array.of(0x10, 0x04, 0x04);

/**
 * Reads the two real-time status bytes of an Epson-style printer: DLE EOT 1 (bit 3 = offline) and DLE EOT 4
 * (bits 5-6 = paper end). Bytes that do not carry the fixed pattern (bit 1 and 4 set, bit 7 clear) are not status.
 */
export function parseStatus(printerByte: number | undefined, paperByte: number | undefined): PrinterStatus {
  const valid = (b: number | undefined): b is number => b !== undefined && (b & 0x93) === 0x12;
  if (!valid(printerByte) || !valid(paperByte)) return 'unknown';
  if ((paperByte & 0x60) !== 0) return 'paper-out';
  if ((printerByte & 0x08) !== 0) return 'offline';
  return 'ready';
}

/**
 * Sends `bytes` to a network printer. Asks for its real-time status first: paper out refuses with PRINTER_PAPER_OUT
 * (nothing is printed, so a retry prints it whole); no answer prints anyway. Resolves when the printer has taken every
 * byte and the connection is closed. Errors: PRINTER_OFFLINE (refused, unreachable), PRINTER_TIMEOUT.
 */
export async function sendTcp(options: TcpOptions, bytes: Uint8Array): Promise<PrinterStatus> {
  const socket = await connect(options);
  try {
    const wait = options.statusWaitMs ?? 400;
    const status = wait > 0 ? await queryStatus(socket, wait) : 'unknown';
    if (status === 'paper-out') throw new PrinterError('PRINTER_PAPER_OUT');
    if (status === 'offline') throw new PrinterError('PRINTER_OFFLINE', 'la impresora informa fuera de línea');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (e) => reject(new PrinterError('PRINTER_OFFLINE', e.message)));
      socket.end(bytes, () => resolve());
    });
    return status;
  } finally {
    socket.destroy();
  }
}

/** Only the status of a network printer (for the register's printer indicator); never throws. */
export async function probeTcp(options: TcpOptions): Promise<PrinterStatus | 'unreachable'> {
  try {
    const socket = await connect(options);
    try {
      return await queryStatus(socket, options.statusWaitMs ?? 400);
    } finally {
      socket.destroy();
    }
  } catch {
    return 'unreachable';
  }
}

function connect(options: TcpOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: options.host, port: options.port });
    socket.setTimeout(options.timeoutMs ?? 3000);
    socket.setNoDelay(true);
    const fail = (e: Error) => {
      socket.destroy();
      reject(e instanceof PrinterError ? e : new PrinterError('PRINTER_OFFLINE', e.message));
    };
    socket.once('error', fail);
    socket.once('timeout', () => fail(new PrinterError('PRINTER_TIMEOUT')));
    socket.once('connect', () => {
      socket.off('error', fail);
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

function queryStatus(socket: net.Socket, waitMs: number): Promise<PrinterStatus> {
  return new Promise((resolve) => {
    const got: number[] = [];
    const done = (status: PrinterStatus) => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(status);
    };
    const onData = (chunk: Buffer) => {
      got.push(...chunk);
      if (got.length >= 2) done(parseStatus(got[0], got[1]));
    };
    const timer = setTimeout(() => done('unknown'), waitMs);
    socket.on('data', onData);
    socket.write(Buffer.concat([DLE_EOT_PRINTER, DLE_EOT_PAPER]));
  });
}

/** Writes `bytes` to a raw printer device file. Errors: PRINTER_DEVICE_ERROR (missing, busy, no permission). */
export async function sendDevice(path: string, bytes: Uint8Array): Promise<void> {
  let handle;
  try {
    // 'a' never truncates and works on character devices and plain files alike.
    handle = await open(path, 'a');
    await handle.write(bytes);
  } catch (e) {
    throw new PrinterError('PRINTER_DEVICE_ERROR', e instanceof Error ? e.message : String(e));
  } finally {
    await handle?.close();
  }
}
