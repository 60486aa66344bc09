import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import type { QueryValue } from '../client/request-builder';
import { buildRequest } from '../client/request-builder';

/** `searchDefinitionsProductTypes` query (`keywords` and `itemName` are exclusive). */
export interface SearchProductTypesParams {
  marketplaceIds: string[];
  keywords?: string[];
  itemName?: string;
  locale?: string;
  searchLocale?: string;
}

/** `searchDefinitionsProductTypes` response. */
export interface SearchProductTypesResponse {
  productTypes: { name: string; displayName: string; marketplaceIds: string[] }[];
  productTypeVersion: string;
}

/** `getDefinitionsProductType` query. */
export interface GetProductTypeParams {
  marketplaceIds: [string];
  sellerId?: string;
  productTypeVersion?: string;
  requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
  requirementsEnforced?: 'ENFORCED' | 'NOT_ENFORCED';
  locale?: string;
  parentageLevel?: 'NONE' | 'CHILD' | 'PARENT';
}

/** A link to a schema document (download with a plain GET; treat as short-lived). */
export interface SchemaLink {
  link: { resource: string; verb: 'GET' };
  checksum: string;
}

/** `getDefinitionsProductType` response; the attribute JSON Schema is behind `schema.link`. */
export interface ProductTypeDefinition {
  productType: string;
  displayName: string;
  marketplaceIds: string[];
  locale: string;
  requirements: string;
  requirementsEnforced: string;
  productTypeVersion: { version: string; latest: boolean; releaseCandidate?: boolean };
  propertyGroups: Record<string, { title?: string; description?: string; propertyNames?: string[] }>;
  schema: SchemaLink;
  metaSchema: SchemaLink;
}

/** Product Type Definitions API 2020-09-01. */
export class ProductTypeDefinitionsApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /** Searches product types by keywords or recommends one for an item name. */
  searchDefinitionsProductTypes(params: SearchProductTypesParams, options?: CallOptions): Promise<SpApiResponse<SearchProductTypesResponse>> {
    return this.http.execute(buildRequest('definitions.searchDefinitionsProductTypes', {}, params as unknown as Record<string, QueryValue>), options);
  }

  /** One product type's definition; cache by `schema.checksum` and `productTypeVersion.version`. */
  getDefinitionsProductType(productType: string, params: GetProductTypeParams, options?: CallOptions): Promise<SpApiResponse<ProductTypeDefinition>> {
    return this.http.execute(buildRequest('definitions.getDefinitionsProductType', { productType }, params as unknown as Record<string, QueryValue>), options);
  }
}
