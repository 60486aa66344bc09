import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import type { QueryValue } from '../client/request-builder';
import { buildRequest } from '../client/request-builder';
import { paginate } from '../client/paginate';
import type { DecimalMoney } from './common-types';

/** Orders 2026-01-01 fulfillment statuses. */
export type OrderFulfillmentStatus = 'PENDING_AVAILABILITY' | 'PENDING' | 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED' | 'UNFULFILLABLE';

/** Data sets of Orders 2026-01-01 (`includedData`). */
export type OrderIncludedData =
  'BUYER' | 'RECIPIENT' | 'PROCEEDS' | 'EXPENSE' | 'PROMOTION' | 'CANCELLATION' | 'FULFILLMENT' | 'PACKAGES' | 'TAX' | 'PAYMENT' | 'FULFILLMENT_ORDERS';

/** A time window. */
export interface DateTimeRange {
  earliestDateTime?: string;
  latestDateTime?: string;
}

/** An address (PII: never log). */
export interface OrderAddress {
  name?: string;
  companyName?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  districtOrCounty?: string;
  stateOrRegion?: string;
  municipality?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
  addressType?: string;
  [key: string]: unknown;
}

/** One order line. */
export interface OrderItem {
  orderItemId: string;
  quantityOrdered: number;
  product: {
    asin?: string;
    title?: string;
    sellerSku?: string;
    condition?: { conditionType?: string; conditionSubtype?: string; conditionNote?: string };
    price?: { unitPrice?: DecimalMoney; priceDesignation?: string };
    serialNumbers?: string[];
    customization?: { customizedUrl?: string };
  };
  proceeds?: { proceedsTotal?: DecimalMoney; breakdowns?: { type: string; subtotal: DecimalMoney; detailedBreakdowns?: unknown[] }[] };
  fulfillment?: { quantityFulfilled?: number; quantityUnfulfilled?: number; [key: string]: unknown };
  cancellation?: {
    cancellationRequest?: { requester?: string; cancelReason?: string };
    cancellationExecution?: { cancelledBy?: string; cancelReason?: string };
  };
  [key: string]: unknown;
}

/** A shipped package (FBM). */
export interface OrderPackage {
  packageReferenceId: string;
  createdTime?: string;
  packageStatus?: { status: string; detailedStatus?: string };
  carrier?: string;
  shipTime?: string;
  shippingService?: string;
  trackingNumber?: string;
  shipFromAddress?: OrderAddress;
  packageItems?: { orderItemId: string; quantity: number; transparencyCodes?: string[] }[];
}

/** An order in Orders 2026-01-01; dataset-gated fields appear only when requested. */
export interface Order {
  orderId: string;
  orderAliases?: { aliasId: string; aliasType: string }[];
  createdTime: string;
  lastUpdatedTime: string;
  programs?: string[];
  associatedOrders?: { orderId: string; associationType: string }[];
  salesChannel: { channelName: string; marketplaceId?: string; marketplaceName?: string };
  buyer?: { buyerName?: string; buyerEmail?: string; buyerCompanyName?: string; buyerPurchaseOrderNumber?: string };
  recipient?: { deliveryAddress?: OrderAddress; deliveryPreference?: unknown };
  proceeds?: { grandTotal?: DecimalMoney; breakdowns?: unknown[] };
  fulfillment?: {
    fulfillmentStatus?: OrderFulfillmentStatus;
    fulfilledBy?: 'MERCHANT' | 'AMAZON';
    fulfillmentServiceLevel?: string;
    shipByWindow?: DateTimeRange;
    deliverByWindow?: DateTimeRange;
    [key: string]: unknown;
  };
  orderItems: OrderItem[];
  packages?: OrderPackage[];
  [key: string]: unknown;
}

/** `searchOrders` query: exactly one of `createdAfter` / `lastUpdatedAfter`. */
export interface SearchOrdersParams {
  createdAfter?: string;
  createdBefore?: string;
  lastUpdatedAfter?: string;
  lastUpdatedBefore?: string;
  fulfillmentStatuses?: OrderFulfillmentStatus[];
  /**
   * Orders of these marketplaces only (at most 50). Without it Amazon answers with the orders of
   * every marketplace of the authorization, so a connection per marketplace must set it.
   */
  marketplaceIds?: string[];
  fulfilledBy?: ('MERCHANT' | 'AMAZON')[];
  maxResultsPerPage?: number;
  paginationToken?: string;
  includedData?: OrderIncludedData[];
}

/** `searchOrders` response. */
export interface SearchOrdersResponse {
  orders: Order[];
  pagination?: { nextToken?: string };
  lastUpdatedBefore?: string;
  createdBefore?: string;
}

/** Orders API 2026-01-01 (reads). searchOrders is ≈1 call / 3 min: prefer notifications + getOrder. */
export class OrdersApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /** One page of orders. */
  searchOrders(params: SearchOrdersParams, options?: CallOptions): Promise<SpApiResponse<SearchOrdersResponse>> {
    return this.http.execute(buildRequest('orders.searchOrders', {}, params as unknown as Record<string, QueryValue>), options);
  }

  /** Every page (`paginationToken`; every original parameter repeated as Amazon requires). */
  searchOrdersPages(params: SearchOrdersParams, options?: CallOptions): AsyncGenerator<SpApiResponse<SearchOrdersResponse>> {
    return paginate(params, {
      tokenParam: 'paginationToken',
      style: 'repeat-params',
      nextToken: (page) => page.pagination?.nextToken,
      fetch: (p) => this.searchOrders(p, options),
    });
  }

  /** One order; items are always included. */
  async getOrder(orderId: string, includedData?: OrderIncludedData[], options?: CallOptions): Promise<SpApiResponse<Order>> {
    const res = await this.http.execute<{ order: Order }>(buildRequest('orders.getOrder', { orderId }, { includedData }), options);
    return { ...res, data: res.data.order };
  }
}
