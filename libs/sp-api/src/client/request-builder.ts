import type { HttpMethod, SpApiOperation } from '../rate-limit/usage-plans';
import { USAGE_PLANS } from '../rate-limit/usage-plans';

/** A scalar or list query value; lists are sent comma-joined (`collectionFormat: csv`). */
export type QueryValue = string | number | boolean | Date | readonly (string | number)[] | undefined | null;

/** A fully described SP-API request before transport: what the contract spec validates. */
export interface SpApiRequest {
  operation: SpApiOperation;
  method: HttpMethod;
  /** Path with path parameters substituted and URL-encoded. */
  path: string;
  /** Raw path parameters (for contract validation and logging without the query). */
  pathParams: Record<string, string>;
  query: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
}

/**
 * Builds a request for `operation` from the usage-plan table's method and path template, URL-encoding
 * every path parameter (SKUs contain `/`, spaces, `#`…).
 *
 * @example buildRequest('listings.getListingsItem', { sellerId: 'A1', sku: 'a/b' }, { marketplaceIds: ['ATVPDKIKX0DER'] })
 */
export function buildRequest(
  operation: SpApiOperation,
  pathParams: Record<string, string> = {},
  query: Record<string, QueryValue> = {},
  body?: unknown,
): SpApiRequest {
  const plan = USAGE_PLANS[operation];
  const path = plan.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathParams[name];
    if (value === undefined || value === '') throw new RangeError(`${operation}: path parameter ${name} is required`);
    return encodeURIComponent(value);
  });
  return { operation, method: plan.method, path, pathParams, query, body };
}

/** Serialises query values the way SP-API expects: lists comma-joined, dates ISO 8601, empties dropped. */
export function serializeQuery(query: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    let text: string;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      text = value.map((v) => encodeURIComponent(String(v))).join(',');
    } else if (value instanceof Date) {
      text = encodeURIComponent(value.toISOString());
    } else {
      text = encodeURIComponent(String(value));
    }
    parts.push(`${encodeURIComponent(name)}=${text}`);
  }
  return parts.join('&');
}

/** Splits a serialised query back into strings (lists stay comma-joined), for contract checks. */
export function queryAsStrings(query: Record<string, QueryValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[name] = value.map(String).join(',');
    } else if (value instanceof Date) out[name] = value.toISOString();
    else out[name] = String(value);
  }
  return out;
}
