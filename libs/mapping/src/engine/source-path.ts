import { MAPPING_LIMITS } from '../template/template-limits';

/** A parsed source path: property names and array indexes. */
export type PathSegments = readonly (string | number)[];

/** Reads a value out of a record; returns `undefined` for anything missing. Never throws on plain data. */
export type PathReader = (record: unknown) => unknown;

/** Property names that would reach the prototype chain instead of the record's data. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const TOKEN = /\.?([^.[\]]+)|\[(\d{1,9})\]/y;

/**
 * Parses `a.b[0].c` (dot-separated property names, `[n]` indexes; names may contain any
 * character except `.`, `[` and `]`, so report column names like `seller-sku` work).
 */
export function parseSourcePath(path: string): { ok: true; segments: PathSegments } | { ok: false; reason: string } {
  if (path.length === 0) return { ok: false, reason: 'the path is empty' };
  if (path.length > MAPPING_LIMITS.maxPathLength) return { ok: false, reason: `the path is longer than ${MAPPING_LIMITS.maxPathLength} characters` };
  const segments: (string | number)[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < path.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(path);
    if (!m || (at === 0 && path[0] === '.') || (m[1] !== undefined && at > 0 && path[at] !== '.')) {
      return { ok: false, reason: `unexpected "${path[at]}" at character ${at + 1}` };
    }
    if (m[1] !== undefined) {
      if (RESERVED.has(m[1])) return { ok: false, reason: `"${m[1]}" is a reserved name` };
      segments.push(m[1]);
    } else {
      segments.push(Number(m[2]));
    }
    at = TOKEN.lastIndex;
  }
  if (segments.length > MAPPING_LIMITS.maxPathSegments) {
    return { ok: false, reason: `the path has more than ${MAPPING_LIMITS.maxPathSegments} segments` };
  }
  return { ok: true, segments };
}

function step(o: unknown, k: string | number): unknown {
  return o !== null && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined;
}

type Bag = Record<string | number, unknown>;

/**
 * Builds a reader for parsed segments. Short paths get unrolled closures with the checks inlined:
 * this runs for every field of every record, so it is the engine's hottest code.
 */
export function compilePathReader(segments: PathSegments): PathReader {
  const [a, b, c, d] = segments as (string | number)[];
  switch (segments.length) {
    case 1:
      return (r) => (r !== null && typeof r === 'object' ? (r as Bag)[a as string | number] : undefined);
    case 2:
      return (r) => {
        if (r === null || typeof r !== 'object') return undefined;
        const x = (r as Bag)[a as string | number];
        return x !== null && typeof x === 'object' ? (x as Bag)[b as string | number] : undefined;
      };
    case 3:
      return (r) => {
        if (r === null || typeof r !== 'object') return undefined;
        const x = (r as Bag)[a as string | number];
        if (x === null || typeof x !== 'object') return undefined;
        const y = (x as Bag)[b as string | number];
        return y !== null && typeof y === 'object' ? (y as Bag)[c as string | number] : undefined;
      };
    case 4:
      return (r) => {
        if (r === null || typeof r !== 'object') return undefined;
        const x = (r as Bag)[a as string | number];
        if (x === null || typeof x !== 'object') return undefined;
        const y = (x as Bag)[b as string | number];
        if (y === null || typeof y !== 'object') return undefined;
        const z = (y as Bag)[c as string | number];
        return z !== null && typeof z === 'object' ? (z as Bag)[d as string | number] : undefined;
      };
    default:
      return (r) => {
        let o: unknown = r;
        for (let i = 0; i < segments.length && o !== undefined; i++) o = step(o, segments[i] as string | number);
        return o;
      };
  }
}

/** Builds a record that has `value` at `segments` (used to test what a condition pinned to a value accepts). */
export function recordWithValue(segments: PathSegments, value: unknown): unknown {
  let v: unknown = value;
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i] as string | number;
    if (typeof s === 'number') {
      const arr: unknown[] = [];
      arr[s] = v;
      v = arr;
    } else {
      v = { [s]: v };
    }
  }
  return v;
}
