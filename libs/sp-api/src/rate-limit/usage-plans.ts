/** HTTP methods SP-API operations use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Amazon's default usage plan for one operation (token bucket: `rate` tokens/s, capacity `burst`). */
export interface UsagePlan {
  /** API section name as in Amazon's docs, e.g. `Orders 2026-01-01`. */
  api: string;
  /** Amazon's operationId. */
  operationId: string;
  method: HttpMethod;
  /** Path template from the model. */
  path: string;
  /** Sustained requests per second. */
  rate: number;
  /** Bucket size. */
  burst: number;
}

function plan(api: string, operationId: string, method: HttpMethod, path: string, rate: number, burst: number): UsagePlan {
  return { api, operationId, method, path, rate, burst };
}

/**
 * Default usage plans of every operation in the SP-API models the channel vendors, keyed by
 * `<api>.<operationId>` (the api prefix keeps Orders v0 `getOrder` apart from 2026 `getOrder`).
 *
 * Why in code: the limiter must work without `../shared`; a spec compares this table with
 * `shared/reference/usage-plans.json` so drift is caught in CI. Amazon may grant a seller more;
 * the limiter adapts from `x-amzn-RateLimit-Limit`.
 */
export const USAGE_PLANS = {
  'sellers.getMarketplaceParticipations': plan('Sellers v1', 'getMarketplaceParticipations', 'GET', '/sellers/v1/marketplaceParticipations', 0.016, 15),
  'sellers.getAccount': plan('Sellers v1', 'getAccount', 'GET', '/sellers/v1/account', 0.016, 15),
  'reports.getReports': plan('Reports 2021-06-30', 'getReports', 'GET', '/reports/2021-06-30/reports', 0.0222, 10),
  'reports.createReport': plan('Reports 2021-06-30', 'createReport', 'POST', '/reports/2021-06-30/reports', 0.0167, 15),
  'reports.cancelReport': plan('Reports 2021-06-30', 'cancelReport', 'DELETE', '/reports/2021-06-30/reports/{reportId}', 0.0222, 10),
  'reports.getReport': plan('Reports 2021-06-30', 'getReport', 'GET', '/reports/2021-06-30/reports/{reportId}', 2, 15),
  'reports.getReportSchedules': plan('Reports 2021-06-30', 'getReportSchedules', 'GET', '/reports/2021-06-30/schedules', 0.0222, 10),
  'reports.createReportSchedule': plan('Reports 2021-06-30', 'createReportSchedule', 'POST', '/reports/2021-06-30/schedules', 0.0222, 10),
  'reports.cancelReportSchedule': plan('Reports 2021-06-30', 'cancelReportSchedule', 'DELETE', '/reports/2021-06-30/schedules/{reportScheduleId}', 0.0222, 10),
  'reports.getReportSchedule': plan('Reports 2021-06-30', 'getReportSchedule', 'GET', '/reports/2021-06-30/schedules/{reportScheduleId}', 0.0222, 10),
  'reports.getReportDocument': plan('Reports 2021-06-30', 'getReportDocument', 'GET', '/reports/2021-06-30/documents/{reportDocumentId}', 0.0167, 15),
  'feeds.getFeeds': plan('Feeds 2021-06-30', 'getFeeds', 'GET', '/feeds/2021-06-30/feeds', 0.0222, 10),
  'feeds.createFeed': plan('Feeds 2021-06-30', 'createFeed', 'POST', '/feeds/2021-06-30/feeds', 0.0083, 15),
  'feeds.cancelFeed': plan('Feeds 2021-06-30', 'cancelFeed', 'DELETE', '/feeds/2021-06-30/feeds/{feedId}', 2, 15),
  'feeds.getFeed': plan('Feeds 2021-06-30', 'getFeed', 'GET', '/feeds/2021-06-30/feeds/{feedId}', 2, 15),
  'feeds.createFeedDocument': plan('Feeds 2021-06-30', 'createFeedDocument', 'POST', '/feeds/2021-06-30/documents', 0.5, 15),
  'feeds.getFeedDocument': plan('Feeds 2021-06-30', 'getFeedDocument', 'GET', '/feeds/2021-06-30/documents/{feedDocumentId}', 0.0222, 10),
  'listings.deleteListingsItem': plan('Listings Items 2021-08-01', 'deleteListingsItem', 'DELETE', '/listings/2021-08-01/items/{sellerId}/{sku}', 5, 5),
  'listings.getListingsItem': plan('Listings Items 2021-08-01', 'getListingsItem', 'GET', '/listings/2021-08-01/items/{sellerId}/{sku}', 5, 10),
  'listings.patchListingsItem': plan('Listings Items 2021-08-01', 'patchListingsItem', 'PATCH', '/listings/2021-08-01/items/{sellerId}/{sku}', 5, 5),
  'listings.putListingsItem': plan('Listings Items 2021-08-01', 'putListingsItem', 'PUT', '/listings/2021-08-01/items/{sellerId}/{sku}', 5, 10),
  'listings.searchListingsItems': plan('Listings Items 2021-08-01', 'searchListingsItems', 'GET', '/listings/2021-08-01/items/{sellerId}', 5, 5),
  'listingsRestrictions.getListingsRestrictions': plan(
    'Listings Restrictions 2021-08-01',
    'getListingsRestrictions',
    'GET',
    '/listings/2021-08-01/restrictions',
    5,
    10,
  ),
  'catalog.searchCatalogItems': plan('Catalog Items 2022-04-01', 'searchCatalogItems', 'GET', '/catalog/2022-04-01/items', 2, 2),
  'catalog.getCatalogItem': plan('Catalog Items 2022-04-01', 'getCatalogItem', 'GET', '/catalog/2022-04-01/items/{asin}', 2, 2),
  'definitions.searchDefinitionsProductTypes': plan(
    'Product Type Definitions 2020-09-01',
    'searchDefinitionsProductTypes',
    'GET',
    '/definitions/2020-09-01/productTypes',
    5,
    10,
  ),
  'definitions.getDefinitionsProductType': plan(
    'Product Type Definitions 2020-09-01',
    'getDefinitionsProductType',
    'GET',
    '/definitions/2020-09-01/productTypes/{productType}',
    5,
    10,
  ),
  'ordersV0.getOrders': plan('Orders v0', 'getOrders', 'GET', '/orders/v0/orders', 0.0167, 20),
  'ordersV0.getOrder': plan('Orders v0', 'getOrder', 'GET', '/orders/v0/orders/{orderId}', 0.5, 30),
  'ordersV0.getOrderBuyerInfo': plan('Orders v0', 'getOrderBuyerInfo', 'GET', '/orders/v0/orders/{orderId}/buyerInfo', 0.5, 30),
  'ordersV0.getOrderAddress': plan('Orders v0', 'getOrderAddress', 'GET', '/orders/v0/orders/{orderId}/address', 0.5, 30),
  'ordersV0.getOrderItems': plan('Orders v0', 'getOrderItems', 'GET', '/orders/v0/orders/{orderId}/orderItems', 0.5, 30),
  'ordersV0.getOrderItemsBuyerInfo': plan('Orders v0', 'getOrderItemsBuyerInfo', 'GET', '/orders/v0/orders/{orderId}/orderItems/buyerInfo', 0.5, 30),
  'ordersV0.updateShipmentStatus': plan('Orders v0', 'updateShipmentStatus', 'POST', '/orders/v0/orders/{orderId}/shipment', 5, 15),
  'ordersV0.getOrderRegulatedInfo': plan('Orders v0', 'getOrderRegulatedInfo', 'GET', '/orders/v0/orders/{orderId}/regulatedInfo', 0.5, 30),
  'ordersV0.updateVerificationStatus': plan('Orders v0', 'updateVerificationStatus', 'PATCH', '/orders/v0/orders/{orderId}/regulatedInfo', 0.5, 30),
  'ordersV0.confirmShipment': plan('Orders v0', 'confirmShipment', 'POST', '/orders/v0/orders/{orderId}/shipmentConfirmation', 2, 10),
  'orders.searchOrders': plan('Orders 2026-01-01', 'searchOrders', 'GET', '/orders/2026-01-01/orders', 0.0056, 20),
  'orders.getOrder': plan('Orders 2026-01-01', 'getOrder', 'GET', '/orders/2026-01-01/orders/{orderId}', 0.5, 30),
  'tokens.createRestrictedDataToken': plan('Tokens 2021-03-01', 'createRestrictedDataToken', 'POST', '/tokens/2021-03-01/restrictedDataToken', 1, 10),
  'notifications.getSubscriptions': plan('Notifications v1', 'getSubscriptions', 'GET', '/notifications/v1/subscriptions', 1, 5),
  'notifications.getSubscription': plan('Notifications v1', 'getSubscription', 'GET', '/notifications/v1/subscriptions/{notificationType}', 1, 5),
  'notifications.createSubscription': plan('Notifications v1', 'createSubscription', 'POST', '/notifications/v1/subscriptions/{notificationType}', 1, 5),
  'notifications.getSubscriptionById': plan(
    'Notifications v1',
    'getSubscriptionById',
    'GET',
    '/notifications/v1/subscriptions/{notificationType}/{subscriptionId}',
    1,
    5,
  ),
  'notifications.deleteSubscriptionById': plan(
    'Notifications v1',
    'deleteSubscriptionById',
    'DELETE',
    '/notifications/v1/subscriptions/{notificationType}/{subscriptionId}',
    1,
    5,
  ),
  'notifications.sendTestNotification': plan(
    'Notifications v1',
    'sendTestNotification',
    'POST',
    '/notifications/v1/subscriptions/{notificationType}/testNotification',
    1,
    5,
  ),
  'notifications.getDestinations': plan('Notifications v1', 'getDestinations', 'GET', '/notifications/v1/destinations', 1, 5),
  'notifications.createDestination': plan('Notifications v1', 'createDestination', 'POST', '/notifications/v1/destinations', 1, 5),
  'notifications.getDestination': plan('Notifications v1', 'getDestination', 'GET', '/notifications/v1/destinations/{destinationId}', 1, 5),
  'notifications.deleteDestination': plan('Notifications v1', 'deleteDestination', 'DELETE', '/notifications/v1/destinations/{destinationId}', 1, 5),
  'fbaInventory.getInventorySummaries': plan('FBA Inventory v1', 'getInventorySummaries', 'GET', '/fba/inventory/v1/summaries', 2, 2),
} as const satisfies Record<string, UsagePlan>;

/** Key of an SP-API operation, e.g. `orders.searchOrders` or `ordersV0.confirmShipment`. */
export type SpApiOperation = keyof typeof USAGE_PLANS;

/** All operation keys. */
export const SP_API_OPERATIONS = Object.keys(USAGE_PLANS) as SpApiOperation[];

/** Rate and burst of a bucket. */
export interface BucketPlan {
  rate: number;
  burst: number;
}

/**
 * Extra per-feed-type limit on top of createFeed: JSON_LISTINGS_FEED allows 5 submissions per
 * 5 minutes per region (Amazon changelog, May 2025). Keyed `feedType:<type>`.
 */
export const FEED_TYPE_PLANS: Readonly<Record<string, BucketPlan>> = {
  JSON_LISTINGS_FEED: { rate: 5 / 300, burst: 5 },
};

/** The default plan of an operation. */
export function usagePlanOf(operation: SpApiOperation): UsagePlan {
  return USAGE_PLANS[operation];
}
