import type { SearchOrdersParams, SearchOrdersResponse } from '../operations/orders-api';
import type { FakeReply, RecordedRequest } from '../testing/fake-transport';
import { FakeTransport } from '../testing/fake-transport';
import { VirtualClock } from '../testing/virtual-clock';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit-store';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { SpApiClient } from './sp-api-client';
import { paginate } from './paginate';

function client(handler: (req: RecordedRequest) => FakeReply) {
  const clock = new VirtualClock();
  const transport = new FakeTransport(handler);
  const c = new SpApiClient({
    region: 'EU',
    sellingPartnerId: 'A1',
    accessTokens: { getAccessToken: () => Promise.resolve('Atza|t'), invalidate: () => undefined },
    baseUrl: 'https://sp.test',
    transport,
    clock,
    rateLimiter: new RateLimiter(new InMemoryRateLimitStore(() => clock.now()), { clock }),
  });
  return { c, transport };
}

const query = (req: RecordedRequest) => Object.fromEntries(new URL(req.url).searchParams);

describe('pagination', () => {
  it('searchOrders repeats every original parameter with paginationToken until no pagination is returned', async () => {
    const pages: Record<string, SearchOrdersResponse> = {
      '': { orders: [{ orderId: '1' } as never], pagination: { nextToken: 'p2' } },
      p2: { orders: [{ orderId: '2' } as never], pagination: { nextToken: 'p3' } },
      p3: { orders: [{ orderId: '3' } as never] },
    };
    const { c, transport } = client((req) => ({ status: 200, body: pages[query(req)['paginationToken'] ?? ''] }));
    const params: SearchOrdersParams = {
      lastUpdatedAfter: '2026-01-01T00:00:00Z',
      marketplaceIds: ['A1PA6795UKMFR9'],
      includedData: ['FULFILLMENT'],
      maxResultsPerPage: 100,
    };
    const ids: string[] = [];
    for await (const page of c.orders.searchOrdersPages(params)) ids.push(...page.data.orders.map((o) => o.orderId));
    expect(ids).toEqual(['1', '2', '3']);
    expect(transport.requests.map(query)).toEqual([
      { lastUpdatedAfter: '2026-01-01T00:00:00Z', marketplaceIds: 'A1PA6795UKMFR9', includedData: 'FULFILLMENT', maxResultsPerPage: '100' },
      {
        lastUpdatedAfter: '2026-01-01T00:00:00Z',
        marketplaceIds: 'A1PA6795UKMFR9',
        includedData: 'FULFILLMENT',
        maxResultsPerPage: '100',
        paginationToken: 'p2',
      },
      {
        lastUpdatedAfter: '2026-01-01T00:00:00Z',
        marketplaceIds: 'A1PA6795UKMFR9',
        includedData: 'FULFILLMENT',
        maxResultsPerPage: '100',
        paginationToken: 'p3',
      },
    ]);
  });

  it('getReports sends nextToken as the only parameter, as the Reports model requires', async () => {
    const { c, transport } = client((req) =>
      query(req)['nextToken']
        ? { status: 200, body: { reports: [{ reportId: 'b' }] } }
        : { status: 200, body: { reports: [{ reportId: 'a' }], nextToken: 'n2' } },
    );
    const ids: string[] = [];
    for await (const page of c.reports.getReportsPages({ reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA'], pageSize: 1 })) {
      ids.push(...page.data.reports.map((r) => r.reportId));
    }
    expect(ids).toEqual(['a', 'b']);
    expect(query(transport.requests[1])).toEqual({ nextToken: 'n2' });
  });

  it('searchListingsItems follows pagination.nextToken via pageToken', async () => {
    const { c, transport } = client((req) =>
      query(req)['pageToken']
        ? { status: 200, body: { numberOfResults: 2, items: [{ sku: 'b' }] } }
        : { status: 200, body: { numberOfResults: 2, items: [{ sku: 'a' }], pagination: { nextToken: 'x' } } },
    );
    const skus: string[] = [];
    for await (const page of c.listings.searchListingsItemsPages('A1', { marketplaceIds: ['A1PA6795UKMFR9'], pageSize: 1 }))
      skus.push(...page.data.items.map((i) => i.sku));
    expect(skus).toEqual(['a', 'b']);
    expect(query(transport.requests[1])).toEqual({ marketplaceIds: 'A1PA6795UKMFR9', pageSize: '1', pageToken: 'x' });
  });

  it('stops if a token repeats instead of looping forever', async () => {
    let calls = 0;
    const pages = paginate<{ t?: string }, { next: string }>(
      {},
      {
        tokenParam: 't',
        style: 'repeat-params',
        nextToken: (p) => p.next,
        fetch: () => {
          calls++;
          return Promise.resolve({ data: { next: 'same' }, status: 200 });
        },
      },
    );
    for await (const page of pages) expect(page.status).toBe(200);
    expect(calls).toBe(2);
  });
});
