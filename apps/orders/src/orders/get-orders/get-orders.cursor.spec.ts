import { fallbackIfOutOfOrder, isRunFinished, nextGetOrdersPage, type GetOrdersCursor } from './get-orders.cursor';

const AFTER = '2026-11-16T00:00:00.000Z';
const UNTIL = '2026-11-23T10:00:00Z';
const start: GetOrdersCursor = { query: { lastUpdatedAfter: AFTER, maxResultsPerPage: 100 }, paginationToken: null, readUntil: null, pages: 0 };
const at = (seconds: number) => new Date(Date.parse('2026-11-23T08:00:00Z') + seconds * 1000).toISOString().replace('.000Z', 'Z');
/** A page of `n` orders updated from `from` seconds on, one per `step` seconds. */
const page = (n: number, from: number, step: number) =>
  Array.from({ length: n }, (_, i) => ({ orderId: `111-0000000-${String(from + i).padStart(7, '0')}`, lastUpdatedTime: at(from + Math.floor(i * step)) }));

describe('get-orders paging', () => {
  it('asks the next page by time from the last update time of a page whose times are spread', () => {
    const orders = page(100, 0, 1);
    const next = nextGetOrdersPage(start, orders, 'token-2', UNTIL);
    expect(next).toMatchObject({
      paginationToken: null,
      pages: 1,
      readUntil: UNTIL,
      query: { lastUpdatedAfter: new Date(at(99)).toISOString(), lastUpdatedBefore: new Date(UNTIL).toISOString(), maxResultsPerPage: 100 },
    });
    expect(next.byTime).toEqual({ edgeOrderIds: [orders[99].orderId], fallback: { query: start.query, paginationToken: 'token-2' } });
    expect(isRunFinished(next)).toBe(false);
  });

  it('follows the token when most of a page shares its last second, or when the page ends after read-until', () => {
    expect(nextGetOrdersPage(start, page(100, 0, 0), 'token-2', UNTIL)).toMatchObject({ paginationToken: 'token-2', query: start.query, byTime: null });
    expect(nextGetOrdersPage(start, page(100, 0, 0.05), 'token-2', UNTIL)).toMatchObject({ paginationToken: 'token-2', byTime: null });
    expect(nextGetOrdersPage(start, page(100, 0, 1), 'token-2', at(50))).toMatchObject({ paginationToken: 'token-2', byTime: null });
  });

  it('follows tokens for the rest of the run once a page is out of update-time order', () => {
    const shuffled = page(100, 0, 1).reverse();
    const next = nextGetOrdersPage(start, shuffled, 'token-2', UNTIL);
    expect(next).toMatchObject({ paginationToken: 'token-2', tokensOnly: true });
    expect(nextGetOrdersPage(next, page(100, 200, 1), 'token-3', UNTIL)).toMatchObject({ paginationToken: 'token-3', tokensOnly: true, byTime: null });
  });

  it('goes back to the previous token when a page asked by time does not open with the expected orders', () => {
    const first = page(100, 0, 1);
    const byTime = nextGetOrdersPage(start, first, 'token-2', UNTIL);
    expect(fallbackIfOutOfOrder(byTime, [first[99], ...page(99, 100, 1)])).toBeNull();
    expect(fallbackIfOutOfOrder(byTime, page(100, 100, 1))).toEqual({
      query: start.query,
      paginationToken: 'token-2',
      readUntil: UNTIL,
      pages: 1,
      byTime: null,
      tokensOnly: true,
    });
    expect(fallbackIfOutOfOrder(start, page(100, 100, 1))).toBeNull();
  });

  it('ends the run on the page without a token', () => {
    const last = nextGetOrdersPage(start, page(40, 0, 1), null, UNTIL);
    expect(last).toMatchObject({ paginationToken: null, byTime: null, pages: 1 });
    expect(isRunFinished(last)).toBe(true);
    expect(isRunFinished(start)).toBe(false);
  });
});
