// Every time and date the renderer shows, in the store's IANA time zone (the signed-in user's branch, from auth), never
// the PC's: a register whose clock or OS zone differs still prints and lists the hours the hour chart and the sale
// numbers use. Invariant: screens format instants only through these functions.
import { useSession } from './stores/session';

export type TimeStyle = 'time' | 'dateTime' | 'mediumDateTime';

const OPTIONS: Readonly<Record<TimeStyle, Intl.DateTimeFormatOptions>> = {
  time: { timeStyle: 'short' },
  dateTime: { dateStyle: 'short', timeStyle: 'short' },
  mediumDateTime: { dateStyle: 'medium', timeStyle: 'short' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string | undefined, style: TimeStyle | 'day'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${style}`;
  let f = formatters.get(key);
  if (f === undefined) {
    const options = style === 'day' ? { year: 'numeric', month: '2-digit', day: '2-digit' } as const : OPTIONS[style];
    f = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone === undefined ? {} : { timeZone }) });
    formatters.set(key, f);
  }
  return f;
}

/** An ISO instant as `style` in `timeZone` (IANA; undefined only before sign-in, when the PC's zone is all there is). */
export function formatInstant(iso: string, locale: string, timeZone: string | undefined, style: TimeStyle): string {
  return formatter(locale, timeZone, style).format(new Date(iso));
}

/** Whether two instants fall on the same calendar day in `timeZone`. */
export function sameDay(a: Date, b: Date, timeZone: string | undefined): boolean {
  const f = formatter('en-CA', timeZone, 'day');
  return f.format(a) === f.format(b);
}

/** The signed-in store's zone (undefined before sign-in). */
export const useStoreZone = (): string | undefined => useSession((s) => s.user?.timeZone);

/** A formatter bound to the store's zone and this locale: `at(iso)` → "14:05", `at(iso, 'dateTime')` → "29/11/26 14:05". */
export function useStoreTime(locale: string): (iso: string, style?: TimeStyle) => string {
  const zone = useStoreZone();
  return (iso, style = 'time') => formatInstant(iso, locale, zone, style);
}
