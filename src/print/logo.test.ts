import { describe, expect, it } from 'vitest';
import { fromBase64, logoDataUrl, logoRgba, toBase64 } from './logo';
import { isAllowedDevicePath, LogoSchema } from './settings';

// 16 × 2: first row left half black (0xFF 0x00), second row right half black (0x00 0xFF).
const LOGO = LogoSchema.parse({ width: 16, height: 2, bits: toBase64(Uint8Array.of(0xff, 0x00, 0x00, 0xff)) });

describe('the store logo', () => {
  it('base64 round-trips', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37) & 0xff);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
  });

  it('RGBA for the ESC/POS encoder: a set bit is a black dot', () => {
    const { width, height, data } = logoRgba(LOGO);
    expect([width, height, data.length]).toEqual([16, 2, 16 * 2 * 4]);
    const px = (x: number, y: number) => data[(y * 16 + x) * 4];
    expect([px(0, 0), px(7, 0), px(8, 0), px(15, 0)]).toEqual([0, 0, 255, 255]);
    expect([px(0, 1), px(8, 1), px(15, 1)]).toEqual([255, 0, 0]);
  });

  it('a 1-bit BMP data URL for the page, rows bottom-up and padded to 4 bytes', () => {
    const url = logoDataUrl(LOGO);
    expect(url.startsWith('data:image/bmp;base64,')).toBe(true);
    const bmp = fromBase64(url.slice('data:image/bmp;base64,'.length));
    expect(String.fromCharCode(bmp[0] ?? 0, bmp[1] ?? 0)).toBe('BM');
    expect(bmp.length).toBe(62 + 4 * 2);
    expect([...bmp.subarray(62, 64)]).toEqual([0x00, 0xff]); // bottom row first
    expect([...bmp.subarray(66, 68)]).toEqual([0xff, 0x00]);
  });

  it('a logo must be as large as it says', () => {
    expect(LogoSchema.safeParse({ width: 16, height: 3, bits: LOGO.bits }).success).toBe(false);
    expect(LogoSchema.safeParse({ width: 12, height: 2, bits: LOGO.bits }).success).toBe(false);
  });
});

describe('printer device allow-list', () => {
  it('admits printer devices and COM/LPT ports only', () => {
    expect(['/dev/usb/lp0', '/dev/ttyUSB0', '/dev/ttyS1', '/dev/ttyACM0', 'COM3', 'com4', '\\\\.\\COM10', 'LPT1'].every(isAllowedDevicePath)).toBe(true);
    expect(['/dev/sda', '/etc/shadow', 'lp0', '/dev/usb/lp0 ', 'COM3x', '\\\\.\\PhysicalDrive0', '../dev/usb/lp0'].some(isAllowedDevicePath)).toBe(false);
  });
});
