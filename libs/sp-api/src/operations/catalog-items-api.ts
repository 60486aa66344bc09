import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import type { QueryValue } from '../client/request-builder';
import { buildRequest } from '../client/request-builder';
import { paginate } from '../client/paginate';
import type { TokenPagination } from './common-types';

/** Data sets Catalog Items 2022-04-01 can include. */
export type CatalogIncludedData =
  'attributes' | 'classifications' | 'dimensions' | 'identifiers' | 'images' | 'productTypes' | 'relationships' | 'salesRanks' | 'summaries' | 'vendorDetails';

/** A catalog item (fields present per `includedData`). */
export interface CatalogItem {
  asin: string;
  attributes?: Record<string, unknown>;
  identifiers?: { marketplaceId: string; identifiers: { identifierType: string; identifier: string }[] }[];
  images?: { marketplaceId: string; images: { variant: string; link: string; height: number; width: number }[] }[];
  productTypes?: { marketplaceId?: string; productType?: string }[];
  summaries?: {
    marketplaceId: string;
    itemName?: string;
    brand?: string;
    manufacturer?: string;
    modelNumber?: string;
    itemClassification?: 'BASE_PRODUCT' | 'VARIATION_PARENT' | 'PRODUCT_BUNDLE' | 'OTHER';
    [key: string]: unknown;
  }[];
  relationships?: unknown[];
  salesRanks?: unknown[];
  classifications?: unknown[];
  dimensions?: unknown[];
  vendorDetails?: unknown[];
}

/** `searchCatalogItems` query (identifiers and keywords are mutually exclusive; exactly one marketplace). */
export interface SearchCatalogItemsParams {
  marketplaceIds: [string];
  identifiers?: string[];
  identifiersType?: 'ASIN' | 'EAN' | 'GTIN' | 'ISBN' | 'JAN' | 'MINSAN' | 'SKU' | 'UPC';
  includedData?: CatalogIncludedData[];
  locale?: string;
  sellerId?: string;
  keywords?: string[];
  brandNames?: string[];
  classificationIds?: string[];
  pageSize?: number;
  pageToken?: string;
  keywordsLocale?: string;
}

/** `searchCatalogItems` response. */
export interface SearchCatalogItemsResponse {
  numberOfResults: number;
  pagination?: TokenPagination;
  refinements?: unknown;
  items: CatalogItem[];
}

/** Catalog Items API 2022-04-01 (rate 2/s, burst 2: the tightest bucket the channel uses). */
export class CatalogItemsApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /** One page of a catalog search. One barcode may match several ASINs: never auto-pick blindly. */
  searchCatalogItems(params: SearchCatalogItemsParams, options?: CallOptions): Promise<SpApiResponse<SearchCatalogItemsResponse>> {
    return this.http.execute(buildRequest('catalog.searchCatalogItems', {}, params as unknown as Record<string, QueryValue>), options);
  }

  /** Every page of a catalog search (`pageToken`, original parameters repeated). */
  searchCatalogItemsPages(params: SearchCatalogItemsParams, options?: CallOptions): AsyncGenerator<SpApiResponse<SearchCatalogItemsResponse>> {
    return paginate(params, {
      tokenParam: 'pageToken',
      style: 'repeat-params',
      nextToken: (page) => page.pagination?.nextToken,
      fetch: (p) => this.searchCatalogItems(p, options),
    });
  }

  /** One catalog item by ASIN. */
  getCatalogItem(
    asin: string,
    query: { marketplaceIds: string[]; includedData?: CatalogIncludedData[]; locale?: string },
    options?: CallOptions,
  ): Promise<SpApiResponse<CatalogItem>> {
    return this.http.execute(buildRequest('catalog.getCatalogItem', { asin }, query as unknown as Record<string, QueryValue>), options);
  }
}
