// The printer part of the register form: where this register prints (none, a system printer by name on 58/80 mm or
// A4, ESC/POS on the network, or an ESC/POS USB/serial device), whether the receipt prints by itself, and its branch's
// receipt header (NIT, address, phone, footer, logo). The logo is thresholded to a 1-bit bitmap here, once, so the main
// process needs no image decoder. Types only from src/print/settings (the renderer bundles no zod).
import { useState } from 'react';
import type { Logo, PrinterSettings, StoreHeaderSettings } from '../../../src/print/settings';
import { toBase64 } from '../../../src/print/logo';
import { useT } from '../../i18n';
import { CheckField, Field } from './kit';

type Kind = PrinterSettings['target']['kind'];
type Paper = 'MM58' | 'MM80' | 'A4';
const KINDS: readonly Kind[] = ['NONE', 'SYSTEM', 'ESCPOS_TCP', 'ESCPOS_DEVICE'];

/** The form's editable state, as text where the cashier types. */
export interface PrinterDraft {
  readonly kind: Kind;
  readonly deviceName: string;
  readonly paper: Paper;
  readonly host: string;
  readonly port: string;
  readonly path: string;
  readonly autoPrintReceipt: boolean;
  readonly drawer: PrinterSettings['drawer'];
  readonly header: StoreHeaderSettings;
}

export function draftOf(settings: PrinterSettings, header: StoreHeaderSettings): PrinterDraft {
  const t = settings.target;
  return {
    kind: t.kind,
    deviceName: t.kind === 'SYSTEM' ? t.deviceName : '',
    paper: t.kind === 'NONE' ? 'MM80' : t.paper,
    host: t.kind === 'ESCPOS_TCP' ? t.host : '',
    port: t.kind === 'ESCPOS_TCP' ? String(t.port) : '9100',
    path: t.kind === 'ESCPOS_DEVICE' ? t.path : '',
    autoPrintReceipt: settings.autoPrintReceipt,
    drawer: settings.drawer,
    header,
  };
}

/** The settings to send (the engine validates them; a port that is not a number is sent as typed and refused there). */
export function settingsOf(d: PrinterDraft): PrinterSettings {
  const thermal = d.paper === 'A4' ? 'MM80' : d.paper;
  const target: PrinterSettings['target'] =
    d.kind === 'NONE'
      ? { kind: 'NONE' }
      : d.kind === 'SYSTEM'
        ? { kind: 'SYSTEM', deviceName: d.deviceName.trim(), paper: d.paper }
        : d.kind === 'ESCPOS_TCP'
          ? { kind: 'ESCPOS_TCP', host: d.host.trim(), port: /^\d+$/.test(d.port.trim()) ? Number(d.port.trim()) : 9100, paper: thermal, codepage: 'cp858' }
          : { kind: 'ESCPOS_DEVICE', path: d.path.trim(), paper: thermal, codepage: 'cp858' };
  return { target, autoPrintReceipt: d.kind !== 'NONE' && d.autoPrintReceipt, drawer: d.kind === 'ESCPOS_TCP' || d.kind === 'ESCPOS_DEVICE' ? d.drawer : null };
}

/** A 1-bit logo from an image file: scaled to at most `maxWidth` dots (a multiple of 8), dark pixels black. */
async function logoFromFile(file: File, maxWidth = 384, maxHeight = 160): Promise<Logo> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxWidth / bitmap.width, maxHeight / bitmap.height);
  const width = Math.max(8, Math.floor((bitmap.width * scale) / 8) * 8);
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.drawImage(bitmap, 0, 0, width, height);
  const { data } = g.getImageData(0, 0, width, height);
  const bits = new Uint8Array((width / 8) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const luma = 0.299 * (data[i] ?? 255) + 0.587 * (data[i + 1] ?? 255) + 0.114 * (data[i + 2] ?? 255);
      if (luma < 128) bits[y * (width / 8) + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, bits: toBase64(bits) };
}

/** `withHeader`: show the branch's receipt header too (an existing register; a new one would overwrite it with blanks). */
export function PrinterFields({ draft, onChange, withHeader }: { readonly draft: PrinterDraft; readonly onChange: (d: PrinterDraft) => void; readonly withHeader: boolean }) {
  const t = useT();
  const c = t.counter;
  const [logoError, setLogoError] = useState(false);
  const set = (patch: Partial<PrinterDraft>) => onChange({ ...draft, ...patch });
  const head = (patch: Partial<StoreHeaderSettings>) => set({ header: { ...draft.header, ...patch } });
  const papers: readonly Paper[] = draft.kind === 'SYSTEM' ? ['MM58', 'MM80', 'A4'] : ['MM58', 'MM80'];
  return (
    <>
      <h3 className="section-title span-2">{c.printerSection}</h3>
      <Field label={c.printerKind}>
        <select className="text-input" value={draft.kind} data-testid="reg-printer-kind" onChange={(e) => set({ kind: e.target.value as Kind })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {c.kinds[k]}
            </option>
          ))}
        </select>
      </Field>
      {draft.kind !== 'NONE' ? (
        <Field label={c.paper}>
          <select className="text-input" value={papers.includes(draft.paper) ? draft.paper : 'MM80'} data-testid="reg-printer-paper" onChange={(e) => set({ paper: e.target.value as Paper })}>
            {papers.map((p) => (
              <option key={p} value={p}>
                {c.papers[p]}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <span />
      )}
      {draft.kind === 'SYSTEM' && (
        <Field label={c.deviceName}>
          <input className="text-input" value={draft.deviceName} maxLength={200} data-testid="reg-printer-device-name" onChange={(e) => set({ deviceName: e.target.value })} />
        </Field>
      )}
      {draft.kind === 'ESCPOS_TCP' && (
        <>
          <Field label={c.host}>
            <input className="text-input mono" value={draft.host} maxLength={253} placeholder="192.168.1.50" data-testid="reg-printer-host" onChange={(e) => set({ host: e.target.value })} />
          </Field>
          <Field label={c.port}>
            <input className="text-input mono" inputMode="numeric" value={draft.port} maxLength={5} data-testid="reg-printer-port" onChange={(e) => set({ port: e.target.value })} />
          </Field>
        </>
      )}
      {draft.kind === 'ESCPOS_DEVICE' && (
        <Field label={c.devicePath}>
          <input className="text-input mono" value={draft.path} maxLength={260} placeholder={c.devicePathHint} data-testid="reg-printer-path" onChange={(e) => set({ path: e.target.value })} />
        </Field>
      )}
      {draft.kind !== 'NONE' && <CheckField label={c.autoReceipt} checked={draft.autoPrintReceipt} testid="reg-printer-auto" onChange={(v) => set({ autoPrintReceipt: v })} />}
      {withHeader && (
        <>
      <Field label={c.taxId}>
        <input className="text-input" value={draft.header.taxId} maxLength={30} data-testid="reg-header-nit" onChange={(e) => head({ taxId: e.target.value })} />
      </Field>
      <Field label={c.phone}>
        <input className="text-input" value={draft.header.phone} maxLength={40} data-testid="reg-header-phone" onChange={(e) => head({ phone: e.target.value })} />
      </Field>
      <Field label={c.address} className="span-2">
        <input className="text-input" value={draft.header.address} maxLength={160} data-testid="reg-header-address" onChange={(e) => head({ address: e.target.value })} />
      </Field>
      <Field label={c.footer} className="span-2">
        <input className="text-input" value={draft.header.footer} maxLength={240} data-testid="reg-header-footer" onChange={(e) => head({ footer: e.target.value })} />
      </Field>
      <Field label={c.logo} className="span-2">
        <span className="logo-field">
          <input
            type="file"
            accept="image/png,image/jpeg,image/gif,image/bmp,image/webp"
            data-testid="reg-header-logo"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setLogoError(false);
              logoFromFile(file).then(
                (logo) => head({ logo }),
                () => setLogoError(true),
              );
            }}
          />
          {draft.header.logo && (
            <>
              <span className="muted small" data-testid="reg-header-logo-size">
                {draft.header.logo.width}×{draft.header.logo.height}
              </span>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => head({ logo: null })}>
                {c.logoRemove}
              </button>
            </>
          )}
          {logoError && <span className="danger small">{c.logoBad}</span>}
        </span>
      </Field>
        </>
      )}
    </>
  );
}
