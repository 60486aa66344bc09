import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import type { QueryValue } from '../client/request-builder';
import { buildRequest } from '../client/request-builder';
import { paginate } from '../client/paginate';
import type { ListingsMoney, TokenPagination } from './common-types';

/** Data sets `getListingsItem` / `searchListingsItems` can include. */
export type ListingsIncludedData =
  'summaries' | 'attributes' | 'issues' | 'offers' | 'fulfillmentAvailability' | 'procurement' | 'relationships' | 'productTypes';

/** A listing issue as Amazon reports it. */
export interface ListingsIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  categories: string[];
  attributeNames?: string[];
  enforcements?: {
    actions: { action: string }[];
    exemption: { status: 'EXEMPT' | 'EXEMPT_UNTIL_EXPIRY_DATE' | 'NOT_EXEMPT'; expiryDate?: string };
  };
  marketplaceIds?: string[];
}

/** Summary of a listing in one marketplace. */
export interface ListingsItemSummary {
  marketplaceId: string;
  asin?: string;
  productType: string;
  conditionType?: string;
  status: ('BUYABLE' | 'DISCOVERABLE')[];
  fnSku?: string;
  itemName?: string;
  createdDate: string;
  lastUpdatedDate: string;
  mainImage?: { link: string; height: number; width: number };
}

/** A listing offer (price) in one marketplace. */
export interface ListingsItemOffer {
  marketplaceId: string;
  offerType: 'B2C' | 'B2B';
  price: ListingsMoney;
  points?: { pointsNumber: number };
  audience?: { value?: string; displayName?: string };
}

/** A listings item (fields present per `includedData`). */
export interface ListingsItem {
  sku: string;
  summaries?: ListingsItemSummary[];
  attributes?: Record<string, unknown>;
  issues?: ListingsIssue[];
  offers?: ListingsItemOffer[];
  fulfillmentAvailability?: { fulfillmentChannelCode: string; quantity?: number }[];
  procurement?: { costPrice: ListingsMoney }[];
  relationships?: { marketplaceId: string; relationships: unknown[] }[];
  productTypes?: { marketplaceId: string; productType: string }[];
}

/** Answer of put/patch/delete. `ACCEPTED` means queued, not live. */
export interface ListingsItemSubmissionResponse {
  sku: string;
  status: 'ACCEPTED' | 'INVALID' | 'VALID';
  submissionId: string;
  issues?: ListingsIssue[];
  identifiers?: { marketplaceId: string; asin?: string }[];
}

/** One JSON-Patch-like operation on a top-level attribute. */
export interface ListingsPatchOperation {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: Record<string, unknown>[];
}

/** `putListingsItem` body. */
export interface ListingsItemPutRequest {
  productType: string;
  requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
  attributes: Record<string, unknown>;
}

/** `patchListingsItem` body. */
export interface ListingsItemPatchRequest {
  productType: string;
  patches: ListingsPatchOperation[];
}

/** Shared write-call query options. */
export interface ListingsWriteOptions {
  includedData?: ('identifiers' | 'issues')[];
  /** `VALIDATION_PREVIEW` validates without writing. */
  mode?: 'VALIDATION_PREVIEW';
  issueLocale?: string;
}

/** `searchListingsItems` query. */
export interface SearchListingsItemsParams {
  marketplaceIds: string[];
  issueLocale?: string;
  includedData?: ListingsIncludedData[];
  identifiers?: string[];
  identifiersType?: 'ASIN' | 'EAN' | 'FNSKU' | 'GTIN' | 'ISBN' | 'JAN' | 'MINSAN' | 'SKU' | 'UPC';
  variationParentSku?: string;
  packageHierarchySku?: string;
  createdAfter?: string;
  createdBefore?: string;
  lastUpdatedAfter?: string;
  lastUpdatedBefore?: string;
  withIssueSeverity?: ('WARNING' | 'ERROR')[];
  withStatus?: ('BUYABLE' | 'DISCOVERABLE')[];
  withoutStatus?: ('BUYABLE' | 'DISCOVERABLE')[];
  sortBy?: 'sku' | 'createdDate' | 'lastUpdatedDate';
  sortOrder?: 'ASC' | 'DESC';
  pageSize?: number;
  pageToken?: string;
}

/** `searchListingsItems` response. */
export interface SearchListingsItemsResponse {
  numberOfResults: number;
  pagination?: TokenPagination;
  items: ListingsItem[];
}

/** Listings Items API 2021-08-01. `sellerId` is the seller's selling_partner_id; SKUs are URL-encoded for you. */
export class ListingsItemsApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /** Reads one listing; 404 (`SpApiError.status`) when the SKU does not exist. */
  getListingsItem(
    sellerId: string,
    sku: string,
    query: { marketplaceIds: string[]; includedData?: ListingsIncludedData[]; issueLocale?: string },
    options?: CallOptions,
  ): Promise<SpApiResponse<ListingsItem>> {
    return this.http.execute(buildRequest('listings.getListingsItem', { sellerId, sku }, q(query)), options);
  }

  /** Creates or fully replaces a listing in exactly one marketplace. */
  putListingsItem(
    sellerId: string,
    sku: string,
    marketplaceId: string,
    body: ListingsItemPutRequest,
    query: ListingsWriteOptions = {},
    options?: CallOptions,
  ): Promise<SpApiResponse<ListingsItemSubmissionResponse>> {
    return this.http.execute(buildRequest('listings.putListingsItem', { sellerId, sku }, q({ marketplaceIds: [marketplaceId], ...query }), body), options);
  }

  /** Patches top-level attributes (price/stock/handling-time sync: use `priority: 'critical'` for stock). */
  patchListingsItem(
    sellerId: string,
    sku: string,
    marketplaceIds: string[],
    body: ListingsItemPatchRequest,
    query: ListingsWriteOptions = {},
    options?: CallOptions,
  ): Promise<SpApiResponse<ListingsItemSubmissionResponse>> {
    return this.http.execute(buildRequest('listings.patchListingsItem', { sellerId, sku }, q({ marketplaceIds, ...query }), body), options);
  }

  /** Deletes a listing in exactly one marketplace. */
  deleteListingsItem(
    sellerId: string,
    sku: string,
    marketplaceId: string,
    query: { issueLocale?: string } = {},
    options?: CallOptions,
  ): Promise<SpApiResponse<ListingsItemSubmissionResponse>> {
    return this.http.execute(buildRequest('listings.deleteListingsItem', { sellerId, sku }, q({ marketplaceIds: [marketplaceId], ...query })), options);
  }

  /** One page of a listings search. */
  searchListingsItems(sellerId: string, params: SearchListingsItemsParams, options?: CallOptions): Promise<SpApiResponse<SearchListingsItemsResponse>> {
    return this.http.execute(buildRequest('listings.searchListingsItems', { sellerId }, q(params)), options);
  }

  /** Every page (`pageToken`, original parameters repeated). At most 1,000 results are reachable. */
  searchListingsItemsPages(
    sellerId: string,
    params: SearchListingsItemsParams,
    options?: CallOptions,
  ): AsyncGenerator<SpApiResponse<SearchListingsItemsResponse>> {
    return paginate(params, {
      tokenParam: 'pageToken',
      style: 'repeat-params',
      nextToken: (page) => page.pagination?.nextToken,
      fetch: (p) => this.searchListingsItems(sellerId, p, options),
    });
  }
}

function q(params: object): Record<string, QueryValue> {
  return params as Record<string, QueryValue>;
}
