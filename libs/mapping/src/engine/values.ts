/** Value helpers shared by conditions, coercion and messages. None of them throws. */

const NON_BLANK = /\S/;
// Plain decimal or scientific notation; no hex/octal/Infinity so "0x10" is not a number to sellers.
const NUMERIC = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
/** Longer strings are not parsed as numbers: no real quantity or price needs 64 characters. */
const MAX_NUMERIC_TEXT = 64;

/** Missing, null, NaN, blank text (whitespace only) and empty arrays count as empty. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') {
    if (v.length === 0) return true;
    // Fast path: printable ASCII first character cannot be whitespace (the regex is the slow path).
    const c = v.charCodeAt(0);
    return c > 32 && c < 127 ? false : !NON_BLANK.test(v);
  }
  if (typeof v === 'number') return v !== v;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** Text form of a scalar (string, finite number, boolean, bigint); `undefined` for anything else. */
export function scalarText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isFinite(v) ? String(v) : undefined;
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'undefined':
    case 'object':
    case 'function':
    case 'symbol':
      return undefined;
  }
}

/** Numeric value of a number or numeric text; `NaN` for anything else. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === 'string') return v.length <= MAX_NUMERIC_TEXT && NUMERIC.test(v) ? Number(v) : Number.NaN;
  if (typeof v === 'bigint') return Number(v);
  return Number.NaN;
}

/** Short, safe description of a value for messages (never stringifies objects, so cycles are fine). */
export function previewValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return v.length > 60 ? `${JSON.stringify(v.slice(0, 57))}... (${v.length} characters)` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length} item(s)`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid date' : v.toISOString();
  return `a ${typeof v === 'object' ? 'object' : typeof v}`;
}
