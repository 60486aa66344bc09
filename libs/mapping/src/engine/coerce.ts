import { MappingIssueCode } from '../errors/mapping-issue';
import type { TargetFieldDefinition } from '../targets/target-field.types';
import { canonicalUtcTimestamp, parseIsoDateTime } from './iso-datetime';
import { previewValue, scalarText, toNumber } from './values';

/** Returned by a coercer when the value does not fit the field. */
export const INVALID: unique symbol = Symbol('invalid');

/** Converts a raw, non-empty source value to the field's type, or returns {@link INVALID}. */
export type Coercer = (raw: unknown) => unknown;

/** Why a value did not fit a field: a stable code and a message naming the field. */
export interface CoercionFailure {
  readonly code:
    | typeof MappingIssueCode.INVALID_TYPE
    | typeof MappingIssueCode.VALUE_NOT_ALLOWED
    | typeof MappingIssueCode.VALUE_OUT_OF_RANGE
    | typeof MappingIssueCode.VALUE_TOO_LONG;
  readonly message: string;
}

const TRUE_TEXT = new Set(['true', 'yes', '1']);
const FALSE_TEXT = new Set(['false', 'no', '0']);

function allowedLookup(def: TargetFieldDefinition): ((s: string) => string | undefined) | undefined {
  const allowed = def.allowedValues;
  if (!allowed) return undefined;
  const exact = new Set(allowed);
  const folded = new Map(allowed.map((a) => [a.toLowerCase(), a] as const));
  const longest = Math.max(...allowed.map((a) => a.length));
  // Exact first (the hot path); case-insensitive second so "asin" from a spreadsheet still maps to ASIN.
  return (s) => (exact.has(s) ? s : s.length <= longest ? folded.get(s.toLowerCase()) : undefined);
}

function inRange(def: TargetFieldDefinition, n: number): boolean {
  return (def.min === undefined || n >= def.min) && (def.max === undefined || n <= def.max);
}

/** Builds the coercer of one target field (type, allowed values, length and range). */
export function compileCoercer(def: TargetFieldDefinition): Coercer {
  switch (def.type) {
    case 'string': {
      const lookup = allowedLookup(def);
      const maxLength = def.maxLength ?? Number.POSITIVE_INFINITY;
      return (raw) => {
        const s = typeof raw === 'string' ? raw : scalarText(raw);
        if (s === undefined || s.length > maxLength) return INVALID;
        if (lookup === undefined) return s;
        return lookup(s) ?? INVALID;
      };
    }
    case 'integer':
      return (raw) => {
        const n = toNumber(raw);
        return Number.isSafeInteger(n) && inRange(def, n) ? n : INVALID;
      };
    case 'decimal':
      return (raw) => {
        const n = toNumber(raw);
        return Number.isFinite(n) && inRange(def, n) ? n : INVALID;
      };
    case 'datetime':
      return (raw) => {
        if (typeof raw === 'string') return canonicalUtcTimestamp(raw) ?? parseIsoDateTime(raw) ?? INVALID;
        if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? INVALID : raw.toISOString();
        return INVALID;
      };
    case 'boolean':
      return (raw) => {
        if (typeof raw === 'boolean') return raw;
        const t = scalarText(raw);
        if (t === undefined || t.length > 5) return INVALID;
        const k = t.trim().toLowerCase();
        return TRUE_TEXT.has(k) ? true : FALSE_TEXT.has(k) ? false : INVALID;
      };
  }
}

/** Explains why `raw` failed {@link compileCoercer}; only called on failure, so it can be slow. */
export function describeCoercionFailure(def: TargetFieldDefinition, raw: unknown): CoercionFailure {
  const got = previewValue(raw);
  const { name } = def;
  switch (def.type) {
    case 'string': {
      const s = scalarText(raw);
      if (s === undefined) return { code: MappingIssueCode.INVALID_TYPE, message: `${name} expects text; got ${got}` };
      if (def.maxLength !== undefined && s.length > def.maxLength) {
        return { code: MappingIssueCode.VALUE_TOO_LONG, message: `${name} accepts at most ${def.maxLength} characters; got ${s.length}` };
      }
      return {
        code: MappingIssueCode.VALUE_NOT_ALLOWED,
        message: `${name} must be one of ${(def.allowedValues ?? []).join(', ')}; got ${got}`,
      };
    }
    case 'integer':
    case 'decimal': {
      const n = toNumber(raw);
      const kind = def.type === 'integer' ? 'a whole number' : 'a number';
      if (Number.isNaN(n) || (def.type === 'integer' && !Number.isSafeInteger(n))) {
        return { code: MappingIssueCode.INVALID_TYPE, message: `${name} expects ${kind}; got ${got}` };
      }
      const bounds = [def.min !== undefined ? `at least ${def.min}` : '', def.max !== undefined ? `at most ${def.max}` : ''].filter(Boolean).join(' and ');
      return { code: MappingIssueCode.VALUE_OUT_OF_RANGE, message: `${name} must be ${bounds}; got ${got}` };
    }
    case 'datetime':
      return { code: MappingIssueCode.INVALID_TYPE, message: `${name} expects an ISO 8601 date-time (e.g. 2025-06-23T14:42:00Z); got ${got}` };
    case 'boolean':
      return { code: MappingIssueCode.INVALID_TYPE, message: `${name} expects true or false; got ${got}` };
  }
}
