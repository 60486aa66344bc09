/**
 * The SP-API operations the sandbox serves, with Amazon's default usage plan (rate = tokens per
 * second, burst = bucket size). This table is the project's own; `operations.spec.ts` compares it
 * with the usage plans extracted from Amazon's models so a drift fails the build.
 */
export interface OperationDef {
  /** API name as used in the usage-plan reference (e.g. `Orders 2026-01-01`). */
  api: string;
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template with `{param}` placeholders, exactly as in the model. */
  path: string;
  rate: number;
  burst: number;
  /** Model file under `sp-api-models/models/` that defines the operation (contract tests). */
  model: string;
  /**
   * Error body shape. Almost every model wraps errors as `{ errors: [...] }`; Listings Restrictions
   * declares a bare array (its static sandbox example answers one too), so the sandbox follows it.
   */
  errorShape?: 'bare-array';
}

const REPORTS = 'reports-api-model/reports_2021-06-30.json';
const FEEDS = 'feeds-api-model/feeds_2021-06-30.json';
const LISTINGS = 'listings-items-api-model/listingsItems_2021-08-01.json';
const CATALOG = 'catalog-items-api-model/catalogItems_2022-04-01.json';
const PTD = 'product-type-definitions-api-model/definitionsProductTypes_2020-09-01.json';
const ORDERS = 'orders-api-model/orders_2026-01-01.json';
const ORDERS_V0 = 'orders-api-model/ordersV0.json';

/** Every operation the sandbox implements. */
export const OPERATIONS: readonly OperationDef[] = [
  {
    api: 'Sellers v1',
    operationId: 'getMarketplaceParticipations',
    method: 'GET',
    path: '/sellers/v1/marketplaceParticipations',
    rate: 0.016,
    burst: 15,
    model: 'sellers-api-model/sellers.json',
  },
  { api: 'Reports 2021-06-30', operationId: 'getReports', method: 'GET', path: '/reports/2021-06-30/reports', rate: 0.0222, burst: 10, model: REPORTS },
  { api: 'Reports 2021-06-30', operationId: 'createReport', method: 'POST', path: '/reports/2021-06-30/reports', rate: 0.0167, burst: 15, model: REPORTS },
  { api: 'Reports 2021-06-30', operationId: 'getReport', method: 'GET', path: '/reports/2021-06-30/reports/{reportId}', rate: 2, burst: 15, model: REPORTS },
  {
    api: 'Reports 2021-06-30',
    operationId: 'cancelReport',
    method: 'DELETE',
    path: '/reports/2021-06-30/reports/{reportId}',
    rate: 0.0222,
    burst: 10,
    model: REPORTS,
  },
  {
    api: 'Reports 2021-06-30',
    operationId: 'getReportDocument',
    method: 'GET',
    path: '/reports/2021-06-30/documents/{reportDocumentId}',
    rate: 0.0167,
    burst: 15,
    model: REPORTS,
  },
  { api: 'Feeds 2021-06-30', operationId: 'getFeeds', method: 'GET', path: '/feeds/2021-06-30/feeds', rate: 0.0222, burst: 10, model: FEEDS },
  { api: 'Feeds 2021-06-30', operationId: 'createFeed', method: 'POST', path: '/feeds/2021-06-30/feeds', rate: 0.0083, burst: 15, model: FEEDS },
  { api: 'Feeds 2021-06-30', operationId: 'getFeed', method: 'GET', path: '/feeds/2021-06-30/feeds/{feedId}', rate: 2, burst: 15, model: FEEDS },
  { api: 'Feeds 2021-06-30', operationId: 'cancelFeed', method: 'DELETE', path: '/feeds/2021-06-30/feeds/{feedId}', rate: 2, burst: 15, model: FEEDS },
  { api: 'Feeds 2021-06-30', operationId: 'createFeedDocument', method: 'POST', path: '/feeds/2021-06-30/documents', rate: 0.5, burst: 15, model: FEEDS },
  {
    api: 'Feeds 2021-06-30',
    operationId: 'getFeedDocument',
    method: 'GET',
    path: '/feeds/2021-06-30/documents/{feedDocumentId}',
    rate: 0.0222,
    burst: 10,
    model: FEEDS,
  },
  {
    api: 'Listings Items 2021-08-01',
    operationId: 'searchListingsItems',
    method: 'GET',
    path: '/listings/2021-08-01/items/{sellerId}',
    rate: 5,
    burst: 5,
    model: LISTINGS,
  },
  {
    api: 'Listings Items 2021-08-01',
    operationId: 'getListingsItem',
    method: 'GET',
    path: '/listings/2021-08-01/items/{sellerId}/{sku}',
    rate: 5,
    burst: 10,
    model: LISTINGS,
  },
  {
    api: 'Listings Items 2021-08-01',
    operationId: 'putListingsItem',
    method: 'PUT',
    path: '/listings/2021-08-01/items/{sellerId}/{sku}',
    rate: 5,
    burst: 10,
    model: LISTINGS,
  },
  {
    api: 'Listings Items 2021-08-01',
    operationId: 'patchListingsItem',
    method: 'PATCH',
    path: '/listings/2021-08-01/items/{sellerId}/{sku}',
    rate: 5,
    burst: 5,
    model: LISTINGS,
  },
  {
    api: 'Listings Items 2021-08-01',
    operationId: 'deleteListingsItem',
    method: 'DELETE',
    path: '/listings/2021-08-01/items/{sellerId}/{sku}',
    rate: 5,
    burst: 5,
    model: LISTINGS,
  },
  {
    api: 'Listings Restrictions 2021-08-01',
    operationId: 'getListingsRestrictions',
    method: 'GET',
    path: '/listings/2021-08-01/restrictions',
    rate: 5,
    burst: 10,
    model: 'listings-restrictions-api-model/listingsRestrictions_2021-08-01.json',
    errorShape: 'bare-array',
  },
  { api: 'Catalog Items 2022-04-01', operationId: 'searchCatalogItems', method: 'GET', path: '/catalog/2022-04-01/items', rate: 2, burst: 2, model: CATALOG },
  {
    api: 'Catalog Items 2022-04-01',
    operationId: 'getCatalogItem',
    method: 'GET',
    path: '/catalog/2022-04-01/items/{asin}',
    rate: 2,
    burst: 2,
    model: CATALOG,
  },
  {
    api: 'Product Type Definitions 2020-09-01',
    operationId: 'searchDefinitionsProductTypes',
    method: 'GET',
    path: '/definitions/2020-09-01/productTypes',
    rate: 5,
    burst: 10,
    model: PTD,
  },
  {
    api: 'Product Type Definitions 2020-09-01',
    operationId: 'getDefinitionsProductType',
    method: 'GET',
    path: '/definitions/2020-09-01/productTypes/{productType}',
    rate: 5,
    burst: 10,
    model: PTD,
  },
  { api: 'Orders 2026-01-01', operationId: 'searchOrders', method: 'GET', path: '/orders/2026-01-01/orders', rate: 0.0056, burst: 20, model: ORDERS },
  { api: 'Orders 2026-01-01', operationId: 'getOrder', method: 'GET', path: '/orders/2026-01-01/orders/{orderId}', rate: 0.5, burst: 30, model: ORDERS },
  {
    api: 'Orders v0',
    operationId: 'confirmShipment',
    method: 'POST',
    path: '/orders/v0/orders/{orderId}/shipmentConfirmation',
    rate: 2,
    burst: 10,
    model: ORDERS_V0,
  },
  { api: 'Orders v0', operationId: 'updateShipmentStatus', method: 'POST', path: '/orders/v0/orders/{orderId}/shipment', rate: 5, burst: 15, model: ORDERS_V0 },
  {
    api: 'Tokens 2021-03-01',
    operationId: 'createRestrictedDataToken',
    method: 'POST',
    path: '/tokens/2021-03-01/restrictedDataToken',
    rate: 1,
    burst: 10,
    model: 'tokens-api-model/tokens_2021-03-01.json',
  },
];

/** Unique key of an operation (operation ids repeat across API versions, e.g. `getOrder`). */
export function operationKey(op: Pick<OperationDef, 'api' | 'operationId'>): string {
  return `${op.api}#${op.operationId}`;
}

interface CompiledOperation {
  op: OperationDef;
  regex: RegExp;
  names: string[];
}

const COMPILED: CompiledOperation[] = OPERATIONS.map((op) => {
  const names: string[] = [];
  const source = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { op, regex: new RegExp(`^${source}/?$`), names };
});

/** Result of matching a request path against the operation table. */
export type OperationMatch =
  { kind: 'found'; op: OperationDef; params: Record<string, string> } | { kind: 'wrong-method'; allowed: string[] } | { kind: 'unknown' };

/** Finds the operation for a method and raw (still percent-encoded) path. */
export function matchOperation(method: string, rawPath: string): OperationMatch {
  const allowed: string[] = [];
  for (const c of COMPILED) {
    const m = c.regex.exec(rawPath);
    if (!m) continue;
    if (c.op.method !== method.toUpperCase()) {
      allowed.push(c.op.method);
      continue;
    }
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => {
      params[name] = safeDecode(m[i + 1] ?? '');
    });
    return { kind: 'found', op: c.op, params };
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'unknown' };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
