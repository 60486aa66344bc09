import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { SpApiClient } from '../client/sp-api-client';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit-store';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { SpApiOperation } from '../rate-limit/usage-plans';
import { USAGE_PLANS } from '../rate-limit/usage-plans';
import type { RecordedRequest } from '../testing/fake-transport';
import { FakeTransport } from '../testing/fake-transport';
import { sharedDir } from '../testing/shared-paths';
import { VirtualClock } from '../testing/virtual-clock';

const modelsDir = path.join(sharedDir(), 'sp-api-models/models');
const present = existsSync(modelsDir);
const d = present ? describe : describe.skip;

const MODEL_FILES: Record<string, string> = {
  sellers: 'sellers-api-model/sellers.json',
  reports: 'reports-api-model/reports_2021-06-30.json',
  feeds: 'feeds-api-model/feeds_2021-06-30.json',
  listings: 'listings-items-api-model/listingsItems_2021-08-01.json',
  catalog: 'catalog-items-api-model/catalogItems_2022-04-01.json',
  listingsRestrictions: 'listings-restrictions-api-model/listingsRestrictions_2021-08-01.json',
  definitions: 'product-type-definitions-api-model/definitionsProductTypes_2020-09-01.json',
  orders: 'orders-api-model/orders_2026-01-01.json',
  ordersV0: 'orders-api-model/ordersV0.json',
  tokens: 'tokens-api-model/tokens_2021-03-01.json',
};

interface SwaggerParam {
  name: string;
  in: 'path' | 'query' | 'body' | 'header';
  required?: boolean;
  type?: string;
  items?: Record<string, unknown>;
  schema?: Record<string, unknown>;
  [key: string]: unknown;
}
interface SwaggerModel {
  definitions: Record<string, unknown>;
  paths: Record<string, Record<string, { operationId?: string; parameters?: SwaggerParam[] }>>;
}

/** Checks one built request against its operation in Amazon's model; returns readable problems. */
function contractProblems(ajv: Ajv, operation: SpApiOperation, req: RecordedRequest): string[] {
  const prefix = operation.split('.')[0];
  const model = JSON.parse(readFileSync(path.join(modelsDir, MODEL_FILES[prefix]), 'utf8')) as SwaggerModel;
  const plan = USAGE_PLANS[operation];
  const op = model.paths[plan.path]?.[plan.method.toLowerCase()];
  const problems: string[] = [];
  if (!op) return [`${plan.method} ${plan.path} not in model`];
  if (op.operationId !== plan.operationId) problems.push(`operationId ${op.operationId} != ${plan.operationId}`);
  const url = new URL(req.url);
  if (req.method !== plan.method) problems.push(`method ${req.method}`);
  const names: string[] = [];
  const pattern = new RegExp(`^${plan.path.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
  const match = pattern.exec(url.pathname);
  if (!match) return [...problems, `path ${url.pathname} does not match ${plan.path}`];
  const pathValues = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
  const query = Object.fromEntries(url.searchParams);
  const params = op.parameters ?? [];
  const check = (schema: Record<string, unknown>, value: unknown, where: string) => {
    const validate = ajv.compile({ ...schema, definitions: model.definitions });
    if (!validate(value)) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
  };
  for (const name of Object.keys(query)) {
    if (!params.some((p) => p.in === 'query' && p.name === name)) problems.push(`query ${name} not in model`);
  }
  for (const p of params) {
    if (p.in === 'body') {
      const body = req.body === undefined ? undefined : (JSON.parse(req.body) as unknown);
      if (body === undefined) {
        if (p.required) problems.push(`body missing`);
      } else check(p.schema ?? {}, body, 'body');
      continue;
    }
    if (p.in === 'header') continue;
    const raw = p.in === 'path' ? pathValues[p.name] : query[p.name];
    if (raw === undefined) {
      if (p.required) problems.push(`${p.in} ${p.name} missing`);
      continue;
    }
    const schema: Record<string, unknown> = { ...p };
    for (const k of ['name', 'in', 'required', 'description']) delete schema[k];
    let value: unknown = raw;
    if (p.type === 'array') value = raw.split(',');
    else if (p.type === 'integer' || p.type === 'number') value = Number(raw);
    else if (p.type === 'boolean') value = raw === 'true' ? true : raw === 'false' ? false : raw;
    check(schema, value, `${p.in} ${p.name}`);
  }
  return problems;
}

d(present ? 'requests built by the client match Amazon models' : 'request contract (skipped: ../shared/sp-api-models is absent)', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const clock = new VirtualClock();
  const transport = new FakeTransport((req) => {
    const p = new URL(req.url).pathname;
    if (p.includes('/orders/2026-01-01/orders/')) return { status: 200, body: { order: {} } };
    return { status: 200, body: {} };
  });
  const client = new SpApiClient({
    region: 'NA',
    sellingPartnerId: 'A1SELLER',
    accessTokens: { getAccessToken: () => Promise.resolve('Atza|t'), invalidate: () => undefined },
    baseUrl: 'https://sp.test',
    transport,
    clock,
    rateLimiter: new RateLimiter(new InMemoryRateLimitStore(() => clock.now()), { clock }),
  });
  const US = 'ATVPDKIKX0DER';
  const cases: [SpApiOperation, () => Promise<unknown>][] = [
    ['sellers.getMarketplaceParticipations', () => client.sellers.getMarketplaceParticipations()],
    [
      'reports.createReport',
      () => client.reports.createReport({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US], reportOptions: { custom: 'true' } }),
    ],
    ['reports.getReport', () => client.reports.getReport('12345')],
    ['reports.cancelReport', () => client.reports.cancelReport('12345')],
    [
      'reports.getReports',
      () =>
        client.reports.getReports({
          reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA'],
          processingStatuses: ['DONE', 'IN_QUEUE'],
          marketplaceIds: [US],
          pageSize: 50,
          createdSince: '2026-01-01T00:00:00Z',
        }),
    ],
    ['reports.getReportDocument', () => client.reports.getReportDocument('amzn1.spdoc.1', { enableContentEncodingUrlHeader: true })],
    ['feeds.createFeedDocument', () => client.feeds.createFeedDocument('application/json; charset=UTF-8')],
    ['feeds.createFeed', () => client.feeds.createFeed({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: 'doc-1' })],
    ['feeds.getFeed', () => client.feeds.getFeed('F1')],
    ['feeds.cancelFeed', () => client.feeds.cancelFeed('F1')],
    ['feeds.getFeeds', () => client.feeds.getFeeds({ feedTypes: ['JSON_LISTINGS_FEED'], processingStatuses: ['DONE'], pageSize: 10 })],
    ['feeds.getFeedDocument', () => client.feeds.getFeedDocument('doc-out')],
    [
      'listings.getListingsItem',
      () =>
        client.listings.getListingsItem('A1SELLER', 'SKU/1 #2', {
          marketplaceIds: [US],
          includedData: ['summaries', 'offers', 'fulfillmentAvailability', 'issues'],
          issueLocale: 'en_US',
        }),
    ],
    [
      'listings.putListingsItem',
      () =>
        client.listings.putListingsItem(
          'A1SELLER',
          'SKU-1',
          US,
          {
            productType: 'PRODUCT',
            requirements: 'LISTING_OFFER_ONLY',
            attributes: { merchant_suggested_asin: [{ value: 'B000000001', marketplace_id: US }], condition_type: [{ value: 'new_new', marketplace_id: US }] },
          },
          { mode: 'VALIDATION_PREVIEW', includedData: ['identifiers', 'issues'] },
        ),
    ],
    [
      'listings.patchListingsItem',
      () =>
        client.listings.patchListingsItem(
          'A1SELLER',
          'SKU-1',
          [US],
          {
            productType: 'PRODUCT',
            patches: [
              {
                op: 'replace',
                path: '/attributes/fulfillment_availability',
                value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7, lead_time_to_ship_max_days: 2 }],
              },
            ],
          },
          { includedData: ['issues'] },
        ),
    ],
    ['listings.deleteListingsItem', () => client.listings.deleteListingsItem('A1SELLER', 'SKU-1', US, { issueLocale: 'en_US' })],
    [
      'listings.searchListingsItems',
      () =>
        client.listings.searchListingsItems('A1SELLER', {
          marketplaceIds: [US],
          includedData: ['summaries', 'issues'],
          identifiers: ['SKU-1', 'SKU-2'],
          identifiersType: 'SKU',
          withIssueSeverity: ['ERROR'],
          withStatus: ['BUYABLE'],
          sortBy: 'lastUpdatedDate',
          sortOrder: 'DESC',
          pageSize: 20,
          pageToken: 'tok',
        }),
    ],
    [
      'catalog.searchCatalogItems',
      () =>
        client.catalog.searchCatalogItems({
          marketplaceIds: [US],
          identifiers: ['0887276302195'],
          identifiersType: 'EAN',
          includedData: ['summaries', 'identifiers', 'productTypes', 'images'],
          pageSize: 10,
        }),
    ],
    [
      'listingsRestrictions.getListingsRestrictions',
      () =>
        client.restrictions.getListingsRestrictions({
          asin: 'B000000001',
          sellerId: 'A1SELLER',
          marketplaceIds: [US],
          conditionType: 'new_new',
          reasonLocale: 'en_US',
        }),
    ],
    [
      'catalog.getCatalogItem',
      () => client.catalog.getCatalogItem('B000000001', { marketplaceIds: [US], includedData: ['summaries', 'productTypes'], locale: 'en_US' }),
    ],
    [
      'definitions.searchDefinitionsProductTypes',
      () => client.definitions.searchDefinitionsProductTypes({ marketplaceIds: [US], keywords: ['luggage', 'bag'], locale: 'en_US' }),
    ],
    [
      'definitions.getDefinitionsProductType',
      () =>
        client.definitions.getDefinitionsProductType('LUGGAGE', {
          marketplaceIds: [US],
          sellerId: 'A1SELLER',
          productTypeVersion: 'LATEST',
          requirements: 'LISTING_OFFER_ONLY',
          requirementsEnforced: 'NOT_ENFORCED',
          locale: 'en_US',
        }),
    ],
    [
      'orders.searchOrders',
      () =>
        client.orders.searchOrders({
          lastUpdatedAfter: '2026-01-01T00:00:00Z',
          fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'],
          marketplaceIds: [US, 'A2EUQ1WTGCTBG2'],
          fulfilledBy: ['MERCHANT'],
          maxResultsPerPage: 100,
          includedData: ['FULFILLMENT', 'PACKAGES', 'RECIPIENT'],
          paginationToken: 'p2',
        }),
    ],
    ['orders.getOrder', () => client.orders.getOrder('123-1234567-1234567', ['BUYER', 'FULFILLMENT'])],
    [
      'ordersV0.confirmShipment',
      () =>
        client.ordersV0.confirmShipment('123-1234567-1234567', {
          marketplaceId: US,
          packageDetail: {
            packageReferenceId: '1',
            carrierCode: 'UPS',
            shippingMethod: 'UPS Ground',
            trackingNumber: '1Z999',
            shipDate: '2026-09-01T15:04:05Z',
            orderItems: [{ orderItemId: '12345678901234', quantity: 1 }],
          },
        }),
    ],
    [
      'ordersV0.updateShipmentStatus',
      () =>
        client.ordersV0.updateShipmentStatus('123-1234567-1234567', {
          marketplaceId: US,
          shipmentStatus: 'ReadyForPickup',
          orderItems: [{ orderItemId: '1', quantity: 1 }],
        }),
    ],
    [
      'tokens.createRestrictedDataToken',
      () =>
        client.tokens.createRestrictedDataToken({
          restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/123-1234567-1234567', dataElements: ['shippingAddress'] }],
        }),
    ],
  ];

  it.each(cases)('%s', async (operation, call) => {
    const before = transport.requests.length;
    await call();
    const req = transport.requests[before];
    expect(contractProblems(ajv, operation, req)).toEqual([]);
  });

  it('flags a request that breaks the model (the checker can fail)', async () => {
    const before = transport.requests.length;
    await client.catalog.searchCatalogItems({ marketplaceIds: [US, 'A2EUQ1WTGCTBG2'] as unknown as [string], identifiersType: 'EAN', identifiers: ['1'] });
    expect(contractProblems(ajv, 'catalog.searchCatalogItems', transport.requests[before]).join('\n')).toMatch(/marketplaceIds/);
  });
});
