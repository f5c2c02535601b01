// The store's logo as the printers take it: RGBA pixels for the ESC/POS encoder and a 1-bit BMP data URL for the page.
// Invariant: both come from the same stored bits (LogoSchema), so the paper and the page show the same picture; no
// image decoder is needed anywhere (the admin screen thresholds the uploaded image once).
import type { Logo } from './settings';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes of a base64 text (the alphabet LogoSchema admits). Throws on a character outside it. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new Error(`not base64: ${ch}`);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** Base64 of `bytes` with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/** RGBA pixels (4 bytes a dot, rows top to bottom): black where a bit is set, white elsewhere. */
export function logoRgba(logo: Logo): { width: number; height: number; data: Uint8ClampedArray } {
  const bits = fromBase64(logo.bits);
  const data = new Uint8ClampedArray(logo.width * logo.height * 4);
  const rowBytes = logo.width / 8;
  for (let y = 0; y < logo.height; y += 1) {
    for (let x = 0; x < logo.width; x += 1) {
      const on = ((bits[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      const i = (y * logo.width + x) * 4;
      const v = on ? 0 : 255;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return { width: logo.width, height: logo.height, data };
}

/** A `data:image/bmp;base64,…` URL of the logo: a 1-bit BMP (rows bottom-up, padded to 4 bytes, palette white/black). */
export function logoDataUrl(logo: Logo): string {
  const bits = fromBase64(logo.bits);
  const rowBytes = logo.width / 8;
  const stride = Math.ceil(rowBytes / 4) * 4;
  const offset = 14 + 40 + 8;
  const size = offset + stride * logo.height;
  const bmp = new Uint8Array(size);
  const view = new DataView(bmp.buffer);
  bmp[0] = 0x42;
  bmp[1] = 0x4d;
  view.setUint32(2, size, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, logo.width, true);
  view.setInt32(22, logo.height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 1, true);
  view.setUint32(34, stride * logo.height, true);
  view.setUint32(46, 2, true);
  // Palette: index 0 white, index 1 black, so a set bit is black as in the stored bits.
  bmp.set([255, 255, 255, 0, 0, 0, 0, 0], 54);
  for (let y = 0; y < logo.height; y += 1) {
    const src = y * rowBytes;
    bmp.set(bits.subarray(src, src + rowBytes), offset + (logo.height - 1 - y) * stride);
  }
  return `data:image/bmp;base64,${toBase64(bmp)}`;
}
