/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * General path: any ISO 8601 date or date-time (with or without offset) to the canonical UTC
 * form. Field ranges are checked here because `Date.parse` rolls 2025-02-29 over to March 1st
 * and accepts hour 24.
 */
export function parseIsoDateTime(text: string): string | undefined {
  const s = text.trim();
  if (s.length > 40) return undefined;
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return undefined;
  // A date-time without an offset is read as UTC (ECMAScript would use the process time zone).
  const hasOffset = m[4] !== undefined && /(?:Z|[+-]\d{2}:?\d{2})$/.test(s);
  const ms = Date.parse(m[4] === undefined ? s : hasOffset ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/**
 * Fast path for the common timestamp shape `YYYY-MM-DDTHH:MM:SS[.sss]Z` (what Amazon's Orders
 * API returns): validates the fields arithmetically and returns the canonical
 * `Date.prototype.toISOString` form, or `undefined` so the caller takes the general path.
 *
 * Why: `new Date(s).toISOString()` costs ~0.5 µs, a quarter of the whole per-record budget of
 * the get-orders benchmark.
 */
export function canonicalUtcTimestamp(s: string): string | undefined {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return undefined;
  const num = (from: number, len: number): number => {
    let v = 0;
    for (let i = from; i < from + len; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  };
  const year = num(0, 4);
  const month = num(5, 2);
  const day = num(8, 2);
  const hour = num(11, 2);
  const minute = num(14, 2);
  const second = num(17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  if (day > daysInMonth(year, month)) return undefined;
  if (n === 20) return `${s.slice(0, 19)}.000Z`;
  return s[19] === '.' && num(20, 3) >= 0 ? s : undefined;
}
