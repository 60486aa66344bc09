/** Result of checking a `matches` pattern at save time. */
export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; code: 'INVALID_REGEX' | 'UNSAFE_REGEX'; reason: string };

/**
 * Compiles a pattern and rejects the classic catastrophic-backtracking shape: a quantified group
 * that itself contains an unbounded quantifier, such as `(a+)+` or `(\d*)*`.
 *
 * Why a heuristic: a full ReDoS analysis is out of scope; this catches the common shape, and
 * evaluation additionally caps the input length ({@link MAPPING_LIMITS.maxRegexInputLength}),
 * which bounds the damage of anything it misses.
 */
export function checkRegex(pattern: string, flags = ''): RegexCheck {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (e) {
    return { ok: false, code: 'INVALID_REGEX', reason: e instanceof Error ? e.message : String(e) };
  }
  if (hasNestedQuantifier(pattern)) {
    return {
      ok: false,
      code: 'UNSAFE_REGEX',
      reason: 'a repeated group contains another repetition (like "(a+)+"), which can take exponential time; simplify the pattern',
    };
  }
  return { ok: true, regex };
}

function isQuantifierAt(p: string, i: number): { unbounded: boolean; length: number } | undefined {
  const ch = p[i];
  if (ch === '*' || ch === '+') return { unbounded: true, length: 1 };
  if (ch === '?') return { unbounded: false, length: 1 };
  if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i, i + 24));
    if (m) return { unbounded: m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1), length: m[0].length };
  }
  return undefined;
}

function hasNestedQuantifier(p: string): boolean {
  // Stack of "does this open group contain an unbounded quantifier".
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch === '(') {
      stack.push(false);
      continue;
    }
    if (ch === ')') {
      const innerUnbounded = stack.pop() ?? false;
      const q = isQuantifierAt(p, i + 1);
      if (q && innerUnbounded && q.unbounded) return true;
      if (stack.length > 0 && (innerUnbounded || q?.unbounded)) stack[stack.length - 1] = true;
      continue;
    }
    const q = isQuantifierAt(p, i);
    if (q) {
      if (q.unbounded && stack.length > 0) stack[stack.length - 1] = true;
      i += q.length - 1;
    }
  }
  return false;
}
