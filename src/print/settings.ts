// Per-register printer settings: where the documents go, whether a receipt prints by itself, and how the drawer opens.
// Invariant: validated with zod where they enter (registers.update, the settings file); a register with no printer has
// target NONE and never opens a drawer (the drawer opens through the printer or not at all).
import { z } from 'zod';
import { LabelLayoutSchema } from '../catalog/label-layout';

export const PAPERS = ['MM58', 'MM80', 'A4'] as const;
export type Paper = (typeof PAPERS)[number];

/** Code pages that print Spanish (ñ, á, ¿, ¡): cp858 is cp850 with the euro sign. */
export const ESCPOS_CODEPAGES = ['cp858', 'cp850'] as const;

const Host = z.string().trim().min(1, 'Indique la dirección de la impresora').max(253).regex(/^[A-Za-z0-9.:-]+$/, 'Dirección no válida');
const ThermalPaper = z.enum(['MM58', 'MM80']);
const Columns = z.int().min(24).max(64).optional();

export const PrinterTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('NONE') }),
  /** A printer the operating system knows by name; the desktop app prints to it silently. */
  z.strictObject({ kind: z.literal('SYSTEM'), deviceName: z.string().trim().min(1, 'Elija una impresora').max(200), paper: z.enum(PAPERS) }),
  /** An ESC/POS printer on the network (raw TCP, port 9100 by default). */
  z.strictObject({
    kind: z.literal('ESCPOS_TCP'),
    host: Host,
    port: z.int().min(1).max(65535).default(9100),
    paper: ThermalPaper,
    columns: Columns,
    codepage: z.enum(ESCPOS_CODEPAGES).default('cp858'),
  }),
  /** A USB or serial ESC/POS printer the OS exposes as a raw device file (/dev/usb/lp0, /dev/ttyUSB0, COM3). */
  z.strictObject({
    kind: z.literal('ESCPOS_DEVICE'),
    /** Must also pass `isAllowedDevicePath` (checked where settings enter, refused as PRINTER_DEVICE_NOT_ALLOWED). */
    path: z.string().trim().min(1, 'Indique el dispositivo').max(260),
    paper: ThermalPaper,
    columns: Columns,
    codepage: z.enum(ESCPOS_CODEPAGES).default('cp858'),
  }),
]);
export type PrinterTarget = z.infer<typeof PrinterTargetSchema>;

/** The drawer kick: connector pin 2 or 5, pulse on and off times in milliseconds (ESC p, 2 ms steps, ≤ 510 ms). */
export const DrawerSettingsSchema = z.strictObject({
  pin: z.union([z.literal(2), z.literal(5)]),
  onMs: z.int().min(2).max(510),
  offMs: z.int().min(2).max(510),
});
export type DrawerSettings = z.infer<typeof DrawerSettingsSchema>;

export const PrinterSettingsSchema = z.strictObject({
  target: PrinterTargetSchema,
  /** Print the receipt after every sale by itself. */
  autoPrintReceipt: z.boolean(),
  /** Null: this register has no drawer on its printer. */
  drawer: DrawerSettingsSchema.nullable(),
});
export type PrinterSettings = z.infer<typeof PrinterSettingsSchema>;

export const DEFAULT_DRAWER: DrawerSettings = { pin: 2, onMs: 100, offMs: 500 };
export const NO_PRINTER: PrinterSettings = { target: { kind: 'NONE' }, autoPrintReceipt: false, drawer: null };

/** Characters per line of a thermal paper in the printer's font A (80 mm: 48, 58 mm: 32) unless configured. */
export function columnsFor(paper: 'MM58' | 'MM80', configured?: number): number {
  return configured ?? (paper === 'MM58' ? 32 : 48);
}

/**
 * The raw printer devices a register may write to: USB line printers and serial ports as Linux names them, and COM/LPT
 * ports on Windows (plain or as \\.\COMn). Anything else (a file, /etc/…, a disk) is refused: a device path is a
 * place the main process writes bytes to.
 */
const DEVICE_PATHS = [/^\/dev\/usb\/lp\d{1,3}$/, /^\/dev\/ttyUSB\d{1,3}$/, /^\/dev\/ttyS\d{1,3}$/, /^\/dev\/ttyACM\d{1,3}$/, /^(\\\\\.\\)?COM\d{1,3}$/i, /^LPT\d$/i];

/** Whether `path` names a printer device this app may write to (see DEVICE_PATHS). */
export function isAllowedDevicePath(path: string): boolean {
  return DEVICE_PATHS.some((re) => re.test(path));
}

/** The dotted IPv4 address as four octets, or null when `host` is not one (no leading zeros: 010 is not 8 nor 10). */
function ipv4(host: string): readonly [number, number, number, number] | null {
  const m = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(host);
  if (!m) return null;
  const o = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as const;
  return o.every((x) => x <= 255) ? o : null;
}

/**
 * Whether `host` may be a network printer's address: an IP literal on this store's own network, i.e. RFC 1918
 * (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10), IPv6 unique-local (fc00::/7) or loopback (127/8,
 * ::1; a print server on this PC, and tests). A host name is refused: it can resolve to anywhere, and the print host
 * would then send the store's documents (and open a socket) wherever it pointed. Stores give ESC/POS printers a fixed IP.
 */
export function isAllowedPrinterHost(host: string): boolean {
  const v4 = ipv4(host);
  if (v4) {
    const [a, b] = v4;
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  const v6 = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (!/^[0-9a-f:]+$/.test(v6) || !v6.includes(':') || (v6.match(/::/g)?.length ?? 0) > 1) return false;
  if (v6 === '::1') return true;
  const first = /^([0-9a-f]{1,4}):/.exec(v6)?.[1];
  if (first === undefined) return false;
  const word = parseInt(first, 16);
  return (word & 0xffc0) === 0xfe80 || (word & 0xfe00) === 0xfc00;
}

/** Why these settings may not be stored (a raw device outside the allow-list, a network host off the LAN), or null. */
export function printerSettingsProblem(settings: PrinterSettings): { readonly code: 'PRINTER_DEVICE_NOT_ALLOWED' | 'PRINTER_HOST_NOT_ALLOWED'; readonly field: string } | null {
  const t = settings.target;
  if (t.kind === 'ESCPOS_DEVICE' && !isAllowedDevicePath(t.path)) return { code: 'PRINTER_DEVICE_NOT_ALLOWED', field: 'target.path' };
  if (t.kind === 'ESCPOS_TCP' && !isAllowedPrinterHost(t.host)) return { code: 'PRINTER_HOST_NOT_ALLOWED', field: 'target.host' };
  return null;
}

/** Whether these settings may be stored: see printerSettingsProblem. */
export function printerSettingsAllowed(settings: PrinterSettings): boolean {
  return printerSettingsProblem(settings) === null;
}

/** Widest logo a thermal head prints (80 mm at 203 dpi); rows are whole bytes. */
export const LOGO_MAX_WIDTH = 576;
export const LOGO_MAX_HEIGHT = 320;

/**
 * The store's logo as a 1-bit bitmap: `width` (a multiple of 8) × `height` dots, `bits` base64 of the rows top to
 * bottom, `width / 8` bytes a row, most significant bit leftmost, 1 = black. Made once from the uploaded image by the
 * admin screen, so the main process needs no image decoder; the page target draws it from the same bits.
 */
export const LogoSchema = z
  .strictObject({
    width: z.int().min(8).max(LOGO_MAX_WIDTH).refine((w) => w % 8 === 0, 'El ancho del logo debe ser múltiplo de 8'),
    height: z.int().min(1).max(LOGO_MAX_HEIGHT),
    bits: z.string().max(Math.ceil(((LOGO_MAX_WIDTH / 8) * LOGO_MAX_HEIGHT * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Logo no válido'),
  })
  .refine((l) => base64Length(l.bits) === (l.width / 8) * l.height, { message: 'El logo no tiene el tamaño declarado', path: ['bits'] });
export type Logo = z.infer<typeof LogoSchema>;

/** Decoded byte length of a base64 text. */
function base64Length(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - pad;
}

/** What a branch prints at the top and bottom of its receipts (the name defaults to the branch's name). */
export const StoreHeaderSettingsSchema = z.strictObject({
  name: z.string().trim().max(80).optional(),
  taxId: z.string().trim().max(30),
  address: z.string().trim().max(160),
  phone: z.string().trim().max(40),
  footer: z.string().trim().max(240),
  /** Printed at the top of receipts and reports (ESC/POS image and the page's image); null or absent for none. */
  logo: LogoSchema.nullable().optional(),
  /** How the store's scale prints price/weight labels; absent: the common layout (src/catalog/label-barcode.ts). */
  labelLayout: LabelLayoutSchema.optional(),
});
export type StoreHeaderSettings = z.infer<typeof StoreHeaderSettingsSchema>;
export const EMPTY_STORE_HEADER: StoreHeaderSettings = { taxId: '', address: '', phone: '', footer: '' };

/**
 * Whether the register's drawer can open: an ESC/POS printer with a drawer configured. Only then does a cash event or
 * a no-sale record a DRAWER_OPENED entry (the drawer opens through the printer or not at all).
 */
export function hasDrawer(settings: PrinterSettings): boolean {
  return settings.drawer !== null && (settings.target.kind === 'ESCPOS_TCP' || settings.target.kind === 'ESCPOS_DEVICE');
}
