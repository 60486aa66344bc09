import type { FieldIssue } from '@amazon-channel/platform-observability';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Path parameters named `id` or `<something>Id` name our own rows, whose ids are UUIDs (uuidv7 for
 * connections, jobs, listings, orders, mappings). These are the exceptions: ids Amazon or the
 * platform mint, in their own formats. A new route with an outside id in its path adds its name here.
 */
export const EXTERNAL_ID_PARAMS: ReadonlySet<string> = new Set([
  /** `123-1234567-1234567`, Amazon's. */
  'amazonOrderId',
  /** The platform's own name for a stock source (a warehouse code). */
  'sourceId',
  'sellingPartnerId',
  'marketplaceId',
  /** The platform's own id of a package of a shipment. */
  'packageId',
]);

/** True when `name` is a path parameter that must hold a UUID, by the naming convention above. */
export function isIdParam(name: string): boolean {
  return (name === 'id' || /^[a-z][A-Za-z0-9]*Id$/.test(name)) && !EXTERNAL_ID_PARAMS.has(name);
}

/** True for the textual form PostgreSQL's `uuid` type accepts (any version). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The id path parameters (see {@link isIdParam}) whose value is not a UUID, as field issues `params.<name>`. */
export function invalidIdParams(params: Record<string, unknown>): FieldIssue[] {
  return Object.entries(params)
    .filter(([name, value]) => isIdParam(name) && !(typeof value === 'string' && isUuid(value)))
    .map(([name]) => ({ field: `params.${name}`, reason: 'must be a UUID' }));
}

/**
 * Every place under `value` where a string (value or key) holds a NUL byte, as field paths from
 * `root` (`body.lines[2].sku`). PostgreSQL refuses NUL in text, so such input must stop at the edge
 * with a 400 instead of failing a query with a 500. Stops after `limit` findings.
 */
export function nulBytePaths(value: unknown, root: string, limit = 20): FieldIssue[] {
  const found: FieldIssue[] = [];
  const visit = (node: unknown, path: string, depth: number): void => {
    if (found.length >= limit) return;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) found.push({ field: path, reason: 'contains a NUL byte' });
      return;
    }
    if (!node || typeof node !== 'object' || depth > 64) return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}[${index}]`, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      const safeKey = key.replaceAll('\u0000', '\\u0000');
      if (key.includes('\u0000')) found.push({ field: `${path}.${safeKey}`, reason: 'the name contains a NUL byte' });
      visit(child, `${path}.${safeKey}`, depth + 1);
    }
  };
  visit(value, root, 0);
  return found.slice(0, limit);
}
