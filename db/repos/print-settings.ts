// Printer settings per register and the receipt header per branch, kept in the settings table as validated JSON.
// Invariant: what is stored passed its zod schema; a row that no longer parses reads as "no printer" / an empty header
// rather than printing something wrong.
import type { PrinterSettings, StoreHeaderSettings } from '../../src/print/settings';
import { EMPTY_STORE_HEADER, NO_PRINTER, PrinterSettingsSchema, StoreHeaderSettingsSchema } from '../../src/print/settings';
import type { Db } from '../open';
import { putSetting, setting } from './settings';

export const printerSettingKey = (registerId: string): string => `print.register.${registerId}`;
export const storeHeaderKey = (branchId: string): string => `print.header.${branchId}`;

function parsed<T>(raw: string | null, parse: (v: unknown) => { success: true; data: T } | { success: false }, fallback: T): T {
  if (raw === null) return fallback;
  try {
    const r = parse(JSON.parse(raw));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

/** The register's printer, or NO_PRINTER when none is configured. */
export function printerSettingsOf(db: Db, registerId: string): PrinterSettings {
  return parsed(setting(db, printerSettingKey(registerId)), (v) => PrinterSettingsSchema.safeParse(v), NO_PRINTER);
}

/** Stores the register's printer settings (already validated by the caller's schema). */
export function putPrinterSettings(db: Db, registerId: string, settings: PrinterSettings): void {
  putSetting(db, printerSettingKey(registerId), JSON.stringify(PrinterSettingsSchema.parse(settings)));
}

export function storeHeaderOf(db: Db, branchId: string): StoreHeaderSettings {
  return parsed(setting(db, storeHeaderKey(branchId)), (v) => StoreHeaderSettingsSchema.safeParse(v), EMPTY_STORE_HEADER);
}

export function putStoreHeader(db: Db, branchId: string, header: StoreHeaderSettings): void {
  putSetting(db, storeHeaderKey(branchId), JSON.stringify(StoreHeaderSettingsSchema.parse(header)));
}
