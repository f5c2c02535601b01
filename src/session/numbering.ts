// Business dates and document numbers. Invariant: a date is the store's LOCAL calendar date in its IANA time zone,
// never the server's midnight and never UTC; numbers are sequential per register and local day.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `YYYY-MM-DD` of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The hour (0-23) of `instant` on the store's wall clock in `timeZone`. `h23` so midnight is 0, never 24 (some
 * runtimes print "24" for midnight with `hour12: false`).
 */
export function localHour(instant: Date, timeZone: string): number {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, f);
  }
  return Number(f.formatToParts(instant).find((p) => p.type === 'hour')?.value ?? '0');
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const compact = (isoDate: string): string => isoDate.replaceAll('-', '');

export function sessionNumber(registerCode: string, isoDate: string, seq: number): string {
  return `T-${registerCode}-${compact(isoDate)}-${String(seq).padStart(3, '0')}`;
}

export function saleNumber(branchCode: string, registerCode: string, isoDate: string, seq: number): string {
  return `${branchCode}-${registerCode}-${compact(isoDate)}-${String(seq).padStart(4, '0')}`;
}

/** A refund's own number: `R-` and the sale-number pattern, sequential per register and local day. */
export function refundNumber(branchCode: string, registerCode: string, isoDate: string, seq: number): string {
  return `R-${saleNumber(branchCode, registerCode, isoDate, seq)}`;
}
