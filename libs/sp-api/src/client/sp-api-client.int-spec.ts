import { startSandbox } from '@amazon-channel/testing';
import { AccessTokenCache } from '../auth/access-token-cache';
import { RefreshTokenAccessTokenProvider } from '../auth/access-token-provider';
import { LwaClient } from '../auth/lwa-client';
import { AuthorizationRevokedError, SpApiError, SpApiErrorCode } from '../errors/sp-api-error';
import type { SpApiCallEvent, SpApiObserver, SpApiRetryEvent } from '../observability/sp-api-observer';
import { UndiciHttpTransport } from '../transport/undici-http-transport';
import { SpApiClient } from './sp-api-client';

/**
 * Every typed operation against the real `sp-api-sandbox` app (its own process, started by the
 * test harness; set SP_API_SANDBOX_URL to use one that is already running).
 */

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

interface Target {
  baseUrl: string;
  lwaTokenUrl: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

async function sandboxTarget(): Promise<Target> {
  const external = process.env['SP_API_SANDBOX_URL'];
  if (external) {
    const baseUrl = external.replace(/\/$/, '');
    return {
      baseUrl,
      lwaTokenUrl: `${baseUrl}/auth/o2/token`,
      clientId: 'amzn1.application-oa2-client.sandboxdemo',
      clientSecret: 'sandbox-demo-client-secret',
      stop: () => Promise.resolve(),
    };
  }
  // short report/feed processing times keep the suite fast; the flow is the same
  const sbx = await startSandbox({ queueMs: 200, processingMs: 300 });
  return { baseUrl: sbx.baseUrl, lwaTokenUrl: sbx.lwaTokenUrl, clientId: sbx.app.clientId, clientSecret: sbx.app.clientSecret, stop: () => sbx.stop() };
}

describe('SpApiClient against the SP-API sandbox', () => {
  let target: Target;
  let transport: UndiciHttpTransport;
  let lwa: LwaClient;
  const events = { calls: [] as SpApiCallEvent[], retries: [] as SpApiRetryEvent[], throttled: [] as SpApiCallEvent[], adapted: [] as number[] };
  const observer: SpApiObserver = {
    onCall: (e) => events.calls.push(e),
    onRetry: (e) => events.retries.push(e),
    onThrottled: (e) => events.throttled.push(e),
    onRateAdapted: (e) => events.adapted.push(e.rate),
  };

  async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${target.baseUrl}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox admin ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A fresh seller of its own for each test group, so groups never share rate budgets or state. */
  async function newSeller(
    id: string,
    listingCount = 30,
    orderCount = 12,
    maxAttempts = 5,
  ): Promise<{ client: SpApiClient; sellerId: string; refreshToken: string }> {
    const seller = await admin<{ refreshToken: string }>('POST', '/sellers', {
      sellingPartnerId: id,
      region: 'NA',
      marketplaceIds: [US, CA],
      listingCount,
      orderCount,
    });
    const accessTokens = new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache(), seller.refreshToken);
    const client = new SpApiClient({
      region: 'NA',
      sellingPartnerId: id,
      accessTokens,
      baseUrl: target.baseUrl,
      transport,
      observer,
      retry: { baseDelayMs: 200, maxAttempts },
    });
    return { client, sellerId: id, refreshToken: seller.refreshToken };
  }

  beforeAll(async () => {
    target = await sandboxTarget();
    transport = new UndiciHttpTransport();
    lwa = new LwaClient(transport, target.lwaTokenUrl, { clientId: target.clientId, clientSecret: target.clientSecret });
  }, 60_000);

  afterAll(async () => {
    await admin('DELETE', '/faults').catch(() => undefined);
    await transport?.close();
    await target?.stop();
  });

  describe('Login with Amazon', () => {
    it('refreshes the demo seller token and reports a revoked one as AuthorizationRevokedError', async () => {
      const { refreshToken } = await newSeller('A1LWATEST0001', 1, 0);
      const ok = await lwa.refresh(refreshToken);
      expect(ok.accessToken).toMatch(/^Atza\|/);
      expect(ok.expiresIn).toBeGreaterThan(60);
      await admin('POST', '/faults', { revokeRefreshTokens: [refreshToken] });
      const error = await lwa.refresh(refreshToken).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthorizationRevokedError);
      expect(JSON.stringify(error)).not.toContain(refreshToken);
    });

    it('renews an access token the sandbox says has expired and retries once', async () => {
      const { client } = await newSeller('A1LWATEST0002', 1, 0);
      await client.sellers.getMarketplaceParticipations();
      await admin('POST', '/clock/advance', { seconds: 3_700 });
      const before = events.retries.filter((r) => r.reason === 'token-refresh').length;
      const res = await client.sellers.getMarketplaceParticipations();
      expect(res.status).toBe(200);
      expect(events.retries.filter((r) => r.reason === 'token-refresh').length).toBe(before + 1);
    });
  });

  describe('Sellers', () => {
    it('lists the marketplaces with the request id', async () => {
      const { client } = await newSeller('A1SELLERS0001', 1, 0);
      const res = await client.sellers.getMarketplaceParticipations();
      expect(res.requestId).toBeTruthy();
      expect(
        res.data
          .filter((p) => p.participation.isParticipating)
          .map((p) => p.marketplace.id)
          .sort(),
      ).toEqual([CA, US].sort());
    });
  });

  describe('Reports', () => {
    it('creates, polls and streams GET_MERCHANT_LISTINGS_ALL_DATA rows by header name', async () => {
      const { client } = await newSeller('A1REPORTS0001', 40, 0);
      const rows = await client.reports.downloadReportRows(
        { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] },
        { poll: { initialDelayMs: 250, maxDelayMs: 1_000 } },
      );
      const skus: string[] = [];
      for await (const row of rows) skus.push(row['seller-sku']);
      expect(skus).toHaveLength(40);
      expect(new Set(skus).size).toBe(40);
    });

    it('streams a gzipped document (above the sandbox threshold) the same way', async () => {
      const { client } = await newSeller('A1REPORTS0002', 12_000, 0);
      let count = 0;
      for await (const row of await client.reports.downloadReportRows(
        { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] },
        { poll: { initialDelayMs: 250, maxDelayMs: 1_000 } },
      )) {
        if (row['seller-sku']) count++;
      }
      expect(count).toBe(12_000);
    });

    it('cancels a queued report and reports CANCELLED/FATAL as REPORT_FAILED', async () => {
      const { client } = await newSeller('A1REPORTS0003', 5, 0);
      const { data } = await client.reports.createReport({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] });
      await client.reports.cancelReport(data.reportId);
      await expect(client.reports.waitForReport(data.reportId, { initialDelayMs: 100 })).rejects.toMatchObject({ code: SpApiErrorCode.ReportFailed });
      const page = await client.reports.getReports({ reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA'] });
      expect(page.data.reports.map((r) => r.reportId)).toContain(data.reportId);
    });
  });

  describe('Orders', () => {
    it('pages through searchOrders with paginationToken and reads one order', async () => {
      const { client } = await newSeller('A1ORDERS00001', 1, 12);
      const ids: string[] = [];
      for await (const page of client.orders.searchOrdersPages({ createdAfter: '2000-01-01T00:00:00Z', maxResultsPerPage: 5, includedData: ['FULFILLMENT'] })) {
        ids.push(...page.data.orders.map((o) => o.orderId));
      }
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
      const { data: order } = await client.orders.getOrder(ids[0], ['FULFILLMENT', 'PACKAGES']);
      expect(order.orderId).toBe(ids[0]);
      expect(order.orderItems.length).toBeGreaterThan(0);
    });

    it('confirms a shipment (204) and the package shows on the order', async () => {
      const { client, sellerId } = await newSeller('A1ORDERS00002', 1, 0);
      const created = await admin<{ orders: { orderId: string; orderItems: { orderItemId: string; quantityOrdered: number }[] }[] }>(
        'POST',
        `/sellers/${sellerId}/orders`,
        {
          orders: [{ marketplaceId: US, status: 'UNSHIPPED', fulfilledBy: 'MERCHANT' }],
        },
      );
      const order = created.orders[0];
      const res = await client.ordersV0.confirmShipment(order.orderId, {
        marketplaceId: US,
        packageDetail: {
          packageReferenceId: '1',
          carrierCode: 'UPS',
          trackingNumber: '1Z999AA10123456784',
          shipDate: new Date(Date.now() - 60_000).toISOString(),
          orderItems: order.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
        },
      });
      expect(res.status).toBe(204);
      expect(res.requestId).toBeTruthy();
      const { data } = await client.orders.getOrder(order.orderId, ['PACKAGES']);
      expect(data.packages?.map((p) => p.trackingNumber)).toContain('1Z999AA10123456784');
    });

    it('updates the shipment status of an order (204)', async () => {
      const { client, sellerId } = await newSeller('A1ORDERS00004', 1, 0);
      const created = await admin<{ orders: { orderId: string; orderItems: { orderItemId: string; quantityOrdered: number }[] }[] }>(
        'POST',
        `/sellers/${sellerId}/orders`,
        {
          orders: [{ marketplaceId: US, status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', programs: ['IN_STORE_PICK_UP'] }],
        },
      );
      const [order] = created.orders;
      if (!order) throw new Error('the sandbox created no order');
      const res = await client.ordersV0.updateShipmentStatus(order.orderId, {
        marketplaceId: US,
        shipmentStatus: 'ReadyForPickup',
        orderItems: order.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
      });
      expect(res.status).toBe(204);
      const packages = await admin<{ shipmentStatus: string | null }>('GET', `/sellers/${sellerId}/orders/${order.orderId}/packages`);
      expect(packages.shipmentStatus).toBe('ReadyForPickup');
    });

    it('answers an invalid confirmation with a typed 400 that is not retried', async () => {
      const { client } = await newSeller('A1ORDERS00003', 1, 1);
      const before = events.calls.length;
      const error = await client.ordersV0
        .confirmShipment('123-0000000-0000000', {
          marketplaceId: US,
          packageDetail: {
            packageReferenceId: '1',
            carrierCode: 'UPS',
            trackingNumber: '1Z',
            shipDate: 'not-a-date',
            orderItems: [{ orderItemId: '1', quantity: 1 }],
          },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpApiError);
      expect((error as SpApiError).status).toBeGreaterThanOrEqual(400);
      expect((error as SpApiError).status).toBeLessThan(500);
      expect((error as SpApiError).requestId).toBeTruthy();
      expect(events.calls.length - before).toBe(1);
    });
  });

  describe('Listings Items', () => {
    it('puts an offer-only listing for a SKU with reserved characters, reads, patches, searches and deletes it', async () => {
      const { client, sellerId } = await newSeller('A1LISTINGS001', 25, 0);
      const sku = 'NEW/SKU 1#x';
      const put = await client.listings.putListingsItem(sellerId, sku, US, {
        productType: 'PRODUCT',
        requirements: 'LISTING_OFFER_ONLY',
        attributes: {
          merchant_suggested_asin: [{ value: 'B00000009I', marketplace_id: US }],
          condition_type: [{ value: 'new_new', marketplace_id: US }],
          purchasable_offer: [{ marketplace_id: US, currency: 'USD', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 19.99 }] }] }],
          fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3, lead_time_to_ship_max_days: 2 }],
        },
      });
      expect(put.data).toMatchObject({ sku, status: 'ACCEPTED' });
      const patched = await client.listings.patchListingsItem(
        sellerId,
        sku,
        [US],
        {
          productType: 'PRODUCT',
          patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }] }],
        },
        {},
        { priority: 'critical' },
      );
      expect(patched.data.status).toBe('ACCEPTED');
      const got = await client.listings.getListingsItem(sellerId, sku, { marketplaceIds: [US], includedData: ['summaries', 'fulfillmentAvailability'] });
      expect(got.data.sku).toBe(sku);
      expect(got.data.fulfillmentAvailability?.[0]?.quantity).toBe(7);

      const skus: string[] = [];
      for await (const page of client.listings.searchListingsItemsPages(sellerId, { marketplaceIds: [US], pageSize: 10, sortBy: 'sku', sortOrder: 'ASC' })) {
        skus.push(...page.data.items.map((i) => i.sku));
      }
      expect(skus).toHaveLength(26);
      expect(skus).toContain(sku);

      await expect(client.listings.deleteListingsItem(sellerId, sku, US)).resolves.toMatchObject({ data: { status: 'ACCEPTED' } });
      const gone = await client.listings.getListingsItem(sellerId, sku, { marketplaceIds: [US] }).catch((e: unknown) => e);
      expect(gone).toMatchObject({ status: 404, operation: 'listings.getListingsItem' });
      expect((gone as SpApiError).requestId).toBeTruthy();
    }, 30_000);
  });

  describe('Catalog Items and Product Type Definitions', () => {
    it('finds an ASIN by identifier and by keywords, and reads it', async () => {
      const { client } = await newSeller('A1CATALOG0001', 1, 0);
      const byId = await client.catalog.searchCatalogItems({
        marketplaceIds: [US],
        identifiers: ['B00000009I'],
        identifiersType: 'ASIN',
        includedData: ['summaries', 'productTypes'],
      });
      expect(byId.data.items.map((i) => i.asin)).toEqual(['B00000009I']);
      const byKeyword = await client.catalog.searchCatalogItems({ marketplaceIds: [US], keywords: ['shirt'], pageSize: 5 });
      expect(byKeyword.data.items.length).toBeGreaterThan(0);
      expect(byKeyword.data.pagination?.nextToken).toBeTruthy();
      const item = await client.catalog.getCatalogItem('B00000009I', { marketplaceIds: [US], includedData: ['summaries'] });
      expect(item.data.asin).toBe('B00000009I');
    });

    it('searches product types and reads a definition with its schema link', async () => {
      const { client } = await newSeller('A1DEFINITION1', 1, 0);
      const found = await client.definitions.searchDefinitionsProductTypes({ marketplaceIds: [US], keywords: ['luggage'] });
      expect(found.data.productTypes.map((p) => p.name)).toContain('LUGGAGE');
      const def = await client.definitions.getDefinitionsProductType('PRODUCT', { marketplaceIds: [US], requirements: 'LISTING_OFFER_ONLY' });
      expect(def.data.productType).toBe('PRODUCT');
      expect(def.data.schema.link.resource).toMatch(/^https?:\/\//);
    });
  });

  describe('Tokens', () => {
    it('creates a restricted data token', async () => {
      const { client } = await newSeller('A1TOKENS00001', 1, 1);
      const rdt = await client.tokens.createRestrictedDataToken({
        restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/123-1234567-1234567', dataElements: ['shippingAddress'] }],
      });
      expect(rdt.data.restrictedDataToken).toBeTruthy();
      expect(rdt.data.expiresIn).toBeGreaterThan(0);
    });
  });

  describe('Feeds', () => {
    it('uploads a JSON_LISTINGS_FEED, waits, and maps the processing report to per-message results', async () => {
      const { client, sellerId } = await newSeller('A1FEEDS000001', 5, 0);
      const messages = [
        {
          messageId: 1,
          sku: 'SKU-0000002',
          operationType: 'PATCH',
          productType: 'PRODUCT',
          patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }] }],
        },
        { messageId: 2, sku: 'SKU-0000003', operationType: 'PATCH', productType: 'PRODUCT', patches: [] },
      ];
      const outcome = await client.feeds.submitAndWait(
        {
          feedType: 'JSON_LISTINGS_FEED',
          marketplaceIds: [US],
          content: JSON.stringify({ header: { sellerId, version: '2.0', issueLocale: 'en_US' }, messages }),
        },
        messages.map((m) => ({ messageId: m.messageId, sku: m.sku })),
        { initialDelayMs: 250, maxDelayMs: 1_000 },
      );
      expect(outcome.feed.processingStatus).toBe('DONE');
      expect(outcome.results?.messages.map((m) => [m.messageId, m.sku, m.status])).toEqual([
        [1, 'SKU-0000002', 'ACCEPTED'],
        [2, 'SKU-0000003', 'INVALID'],
      ]);
      expect(outcome.results?.messages[1]?.issues[0]?.severity).toBe('ERROR');
      const queued = await client.feeds.submitFeed({
        feedType: 'JSON_LISTINGS_FEED',
        marketplaceIds: [US],
        content: JSON.stringify({ header: { sellerId, version: '2.0' }, messages: messages.slice(0, 1) }),
      });
      await client.feeds.cancelFeed(queued.feedId);
      await expect(client.feeds.waitForFeed(queued.feedId, { initialDelayMs: 100 })).resolves.toMatchObject({ processingStatus: 'CANCELLED' });
      const feeds = await client.feeds.getFeeds({ feedTypes: ['JSON_LISTINGS_FEED'] });
      expect(feeds.data.feeds.map((f) => f.feedId)).toContain(outcome.feed.feedId);
    }, 30_000);
  });

  describe('resilience', () => {
    it('retries injected 503s a bounded number of times, then surfaces a retryable typed error', async () => {
      const { client } = await newSeller('A1RESILIENCE1', 1, 3);
      const { client: patient } = await newSeller('A1RESILIENCE3', 1, 3, 12);
      const { data } = await client.orders.searchOrders({ createdAfter: '2000-01-01T00:00:00Z' });
      const id = (data.orders[0] as { orderId: string }).orderId;
      const patientOrderId = ((await patient.orders.searchOrders({ createdAfter: '2000-01-01T00:00:00Z' })).data.orders[0] as { orderId: string }).orderId;
      // getOrder: its burst of 30 covers every attempt below without rate-limit waits
      await admin('POST', '/faults', { errorRate: 1, errorStatus: 503, operations: ['getOrder'] });
      try {
        const before = events.calls.length;
        const error = await client.orders.getOrder(id).catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 503, retryable: true, operation: 'orders.getOrder' });
        expect(events.calls.length - before).toBe(5);
        await admin('POST', '/faults', { errorRate: 0.5 });
        // with half the attempts failing, eight successes in a row (p = 0.4 % without retries) come
        // from retrying; 12 attempts make a spurious failure unlikely (p ≈ 0.2 %)
        for (let i = 0; i < 8; i++) await expect(patient.orders.getOrder(patientOrderId)).resolves.toMatchObject({ status: 200 });
      } finally {
        await admin('DELETE', '/faults');
      }
    }, 30_000);

    it('adapts to a changed plan from x-amzn-RateLimit-Limit and survives the 429s it causes', async () => {
      const { client } = await newSeller('A1RESILIENCE2', 1, 4);
      await admin('POST', '/faults', { ratePlans: { getOrder: { rate: 2, burst: 1 } } });
      try {
        const { data } = await client.orders.searchOrders({ createdAfter: '2000-01-01T00:00:00Z' });
        const id = (data.orders[0] as { orderId: string }).orderId;
        const results = await Promise.all(Array.from({ length: 5 }, () => client.orders.getOrder(id)));
        expect(results.every((r) => r.data.orderId === id)).toBe(true);
        expect(events.adapted).toContain(2);
        expect(events.throttled.filter((e) => e.operation === 'orders.getOrder').length).toBeGreaterThan(0);
      } finally {
        await admin('DELETE', '/faults');
      }
    }, 30_000);
  });
});
