import type { Order, SearchOrdersParams } from '@amazon-channel/sp-api';

/** Where a run stands; checkpointed after every applied page. */
export interface GetOrdersCursor {
  /** The next page's query; a pagination token must come with the query it was issued for. */
  query: SearchOrdersParams;
  paginationToken: string | null;
  /** Amazon's "read until" of the run's first page: the next run starts there, minus the overlap. */
  readUntil: string | null;
  pages: number;
  /**
   * Set when the next page is asked by time: the orders of the previous page's last second, which
   * must open that page, and the token to go back to if they do not.
   */
  byTime?: { edgeOrderIds: string[]; fallback: { query: SearchOrdersParams; paginationToken: string } } | null;
  /** Amazon's answers were seen out of update-time order: tokens only for the rest of the run. */
  tokensOnly?: boolean;
}

type PageOrder = Pick<Order, 'orderId' | 'lastUpdatedTime'>;

/**
 * Above this share of a page updated in its last second, the next page follows Amazon's token:
 * asking by time would read that many orders again.
 */
export const TOKEN_WHEN_EDGE_SHARE_ABOVE = 0.1;

/** Whether the run has read its last page. */
export function isRunFinished(cursor: GetOrdersCursor): boolean {
  return cursor.pages > 0 && !cursor.paginationToken && !cursor.byTime;
}

/**
 * The cursor after applying `orders` (one page as Amazon returned it).
 *
 * The sandbox's pagination token continues an offset into the window's list as it stands at each
 * call, and Amazon does not document that its own does otherwise. With such a token, when an
 * order already read changes during the run, its new update time takes it out of the window,
 * every later order moves up one place, and the order at the page edge is never returned — nor
 * by later runs, which start at this run's end minus the overlap. So the next page is asked by time instead: from this page's last update time (inclusive: the
 * orders of that second are read again, which changes nothing) up to the run's read-until,
 * pinned. That relies on pages coming in update-time order, which Amazon does not document: a
 * page out of order, or a page asked by time that does not open with the expected orders (see
 * {@link fallbackIfOutOfOrder}), sends the run back to tokens. The token is also followed when
 * most of a page shares its last second; orders changing inside such a run of equal times can
 * still shift the list.
 */
export function nextGetOrdersPage(cursor: GetOrdersCursor, orders: readonly PageOrder[], nextToken: string | null, readUntil: string | null): GetOrdersCursor {
  const pages = cursor.pages + 1;
  const base = { query: cursor.query, readUntil, pages, byTime: null, tokensOnly: cursor.tokensOnly ?? false };
  if (!nextToken) return { ...base, paginationToken: null };
  const byToken = { ...base, paginationToken: nextToken };
  if (base.tokensOnly) return byToken;
  const times = orders.map((o) => Date.parse(o.lastUpdatedTime ?? ''));
  const until = Date.parse(readUntil ?? '');
  const after = Date.parse(cursor.query.lastUpdatedAfter ?? '');
  if (times.length === 0 || times.some((t) => Number.isNaN(t)) || Number.isNaN(until) || Number.isNaN(after)) return byToken;
  if (times.some((t, i) => i > 0 && t < (times[i - 1] as number))) return { ...byToken, tokensOnly: true };
  const edge = times[times.length - 1] as number;
  const atEdge = orders.filter((_, i) => times[i] === edge).map((o) => o.orderId);
  if (edge <= after || edge > until || atEdge.length > times.length * TOKEN_WHEN_EDGE_SHARE_ABOVE) return byToken;
  return {
    ...base,
    query: { ...cursor.query, lastUpdatedAfter: new Date(edge).toISOString(), lastUpdatedBefore: new Date(until).toISOString() },
    paginationToken: null,
    byTime: { edgeOrderIds: atEdge, fallback: { query: cursor.query, paginationToken: nextToken } },
  };
}

/**
 * For a page asked by time: if it does not open with the orders of the previous page's last
 * second, Amazon is not returning orders in update-time order and asking by time may have skipped
 * some. Returns the cursor that goes back to the previous page's token (tokens only from then on),
 * or null when the page is as expected (or was not asked by time).
 */
export function fallbackIfOutOfOrder(cursor: GetOrdersCursor, orders: readonly PageOrder[]): GetOrdersCursor | null {
  if (!cursor.byTime) return null;
  const expected = cursor.byTime.edgeOrderIds;
  const head = new Set(orders.slice(0, expected.length).map((o) => o.orderId));
  if (expected.every((id) => head.has(id))) return null;
  return {
    query: cursor.byTime.fallback.query,
    paginationToken: cursor.byTime.fallback.paginationToken,
    readUntil: cursor.readUntil,
    pages: cursor.pages,
    byTime: null,
    tokensOnly: true,
  };
}
