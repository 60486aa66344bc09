/**
 * JSON path rendering for template faults (`$.fields.product_id.rules[0].when.conditions[1]`).
 *
 * Why: a template editor highlights the faulty node from this path, so the format is stable:
 * identifiers as `.name`, other keys as `["key"]`, array indexes as `[n]`.
 */
export type JsonPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Renders path segments as a JSON path rooted at `$`.
 *
 * @example toJsonPath(['fields', 'sku', 'rules', 0]) === '$.fields.sku.rules[0]'
 */
export function toJsonPath(segments: readonly PropertyKey[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && IDENTIFIER.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}
