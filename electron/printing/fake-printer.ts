// A fake ESC/POS network printer for tests and benchmarks: a real TCP server on 127.0.0.1 that records the bytes of
// every connection, answers real-time status requests (DLE EOT) like an Epson would, and can be unplugged and plugged
// back on the same port. Also a decoder that reads the recorded bytes back into lines of text, code pages, cuts,
// drawer pulses and QR payloads. Invariant: the decoder refuses a command it does not know instead of skipping it.
import net from 'node:net';

/** Code page 858 (850 with € at 0xD5), bytes 0x80-0xFF, as the printer's character ROM draws them. */
const CP858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0';
const CP850_HIGH = CP858_HIGH.slice(0, 0x55) + 'ı' + CP858_HIGH.slice(0x56);
/** Epson's ESC t numbers of the code pages the decoder can read. */
const TABLES: Readonly<Record<number, string>> = { 2: CP850_HIGH, 19: CP858_HIGH };

export interface DecodedLine {
  readonly text: string;
  readonly bold: boolean;
  readonly double: boolean;
}

export interface DecodedJob {
  readonly lines: readonly DecodedLine[];
  /** Every ESC t selection, in order. */
  readonly codepages: readonly number[];
  readonly cuts: number;
  readonly pulses: readonly { readonly pin: 2 | 5; readonly onMs: number; readonly offMs: number }[];
  readonly qrCodes: readonly string[];
  readonly images: number;
  readonly statusRequests: number;
  /** Byte offsets of the first pulse and the last cut (-1 when absent): the pulse must come before the paper. */
  readonly firstPulseAt: number;
  readonly lastCutAt: number;
}

/** Reads ESC/POS bytes back. Throws on an unknown command or a character outside the selected code page. */
export function decodeEscPos(bytes: Uint8Array): DecodedJob {
  const lines: DecodedLine[] = [];
  const codepages: number[] = [];
  const pulses: { pin: 2 | 5; onMs: number; offMs: number }[] = [];
  const qrCodes: string[] = [];
  let cuts = 0;
  let images = 0;
  let statusRequests = 0;
  let firstPulseAt = -1;
  let lastCutAt = -1;
  let table: string | null = null;
  let bold = false;
  let double = false;
  let current = '';
  let currentBold = false;
  let currentDouble = false;
  const at = (i: number): number => {
    const b = bytes[i];
    if (b === undefined) throw new Error(`ESC/POS stream ends inside a command at byte ${i}`);
    return b;
  };
  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x0a) {
      lines.push({ text: current, bold: currentBold, double: currentDouble });
      current = '';
      currentBold = false;
      currentDouble = false;
      i += 1;
    } else if (b === 0x1b) {
      const c = at(i + 1);
      if (c === 0x40 || c === 0x32) i += 2; // initialize; default line spacing
      else if (c === 0x74) {
        const n = at(i + 2);
        codepages.push(n);
        table = TABLES[n] ?? (n === 0 ? null : null);
        i += 3;
      } else if (c === 0x45) {
        bold = at(i + 2) === 1;
        i += 3;
      } else if (c === 0x4d || c === 0x61 || c === 0x33 || c === 0x2d || c === 0x64 || c === 0x21) i += 3;
      else if (c === 0x70) {
        if (firstPulseAt < 0) firstPulseAt = i;
        pulses.push({ pin: at(i + 2) === 0 ? 2 : 5, onMs: at(i + 3) * 2, offMs: at(i + 4) * 2 });
        i += 5;
      } else if (c === 0x2a) {
        const m = at(i + 2);
        const n = at(i + 3) + at(i + 4) * 256;
        images += 1;
        i += 5 + (m >= 32 ? 3 * n : n);
      } else throw new Error(`unknown ESC 0x${c.toString(16)} at byte ${i}`);
    } else if (b === 0x1d) {
      const c = at(i + 1);
      if (c === 0x21) {
        double = at(i + 2) !== 0;
        i += 3;
      } else if (c === 0x42) i += 3;
      else if (c === 0x56) {
        cuts += 1;
        lastCutAt = i;
        const m = at(i + 2);
        i += m === 65 || m === 66 ? 4 : 3;
      } else if (c === 0x28 && at(i + 2) === 0x6b) {
        const len = at(i + 3) + at(i + 4) * 256;
        const fn = at(i + 6);
        if (fn === 0x50) qrCodes.push(String.fromCharCode(...bytes.subarray(i + 8, i + 5 + len)));
        i += 5 + len;
      } else if (c === 0x76 && at(i + 2) === 0x30) {
        const w = at(i + 4) + at(i + 5) * 256;
        const h = at(i + 6) + at(i + 7) * 256;
        images += 1;
        i += 8 + w * h;
      } else throw new Error(`unknown GS 0x${c.toString(16)} at byte ${i}`);
    } else if (b === 0x1c && at(i + 1) === 0x2e) i += 2; // cancel Kanji mode
    else if (b === 0x10 && at(i + 1) === 0x04) {
      statusRequests += 1;
      i += 3;
    } else if (b === 0x0d) i += 1;
    else if (b >= 0x20 && b < 0x7f) {
      current += String.fromCharCode(b);
      currentBold ||= bold;
      currentDouble ||= double;
      i += 1;
    } else if (b >= 0x80) {
      if (!table) throw new Error(`byte 0x${b.toString(16)} at ${i} with no readable code page selected`);
      current += table[b - 0x80] ?? '?';
      i += 1;
    } else throw new Error(`unknown control byte 0x${b.toString(16)} at ${i}`);
  }
  if (current) lines.push({ text: current, bold: currentBold, double: currentDouble });
  return { lines, codepages, cuts, pulses, qrCodes, images, statusRequests, firstPulseAt, lastCutAt };
}

export interface FakePrinterState {
  /** Answer DLE EOT 4 with "paper end" and DLE EOT 1 with "offline". */
  paperOut: boolean;
  /** Do not answer status requests at all (many cheap printers never do). */
  silent: boolean;
}

/** A fake network printer on 127.0.0.1. `jobs` holds the bytes of every finished connection that sent something. */
export class FakePrinter {
  readonly jobs: Buffer[] = [];
  /** process.hrtime.bigint() when each job's last byte had arrived (its connection closed), for benchmarks. */
  readonly arrivedAt: bigint[] = [];
  readonly state: FakePrinterState = { paperOut: false, silent: false };
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private waiters: (() => void)[] = [];
  private portNumber = 0;

  get port(): number {
    return this.portNumber;
  }

  /** Listens (again) on the same port as before, or on a free one the first time. */
  async start(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNumber, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address && typeof address === 'object') this.portNumber = address.port;
    this.server = server;
  }

  /** Unplugs it: closes the listener and every open connection. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once at least `count` jobs have been recorded. */
  async waitForJobs(count: number): Promise<Buffer[]> {
    while (this.jobs.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.jobs;
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      this.answerStatus(socket, chunk);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      const bytes = Buffer.concat(chunks);
      // A connection that only asked for status is not a print job.
      if (bytes.length > 0 && !isOnlyStatus(bytes)) {
        this.jobs.push(bytes);
        this.arrivedAt.push(process.hrtime.bigint());
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
    });
  }

  private answerStatus(socket: net.Socket, chunk: Buffer): void {
    if (this.state.silent) return;
    for (let i = 0; i + 2 < chunk.length; i++) {
      if (chunk[i] !== 0x10 || chunk[i + 1] !== 0x04) continue;
      const n = chunk[i + 2];
      // Status bytes always have bit 1 and bit 4 set and bit 7 clear (Epson's fixed bits).
      if (n === 1) socket.write(Buffer.from([0x12 | (this.state.paperOut ? 0x08 : 0)]));
      else if (n === 4) socket.write(Buffer.from([0x12 | (this.state.paperOut ? 0x6c : 0)]));
      else socket.write(Buffer.from([0x12]));
    }
  }
}

function isOnlyStatus(bytes: Buffer): boolean {
  if (bytes.length % 3 !== 0) return false;
  for (let i = 0; i < bytes.length; i += 3) if (bytes[i] !== 0x10 || bytes[i + 1] !== 0x04) return false;
  return true;
}
