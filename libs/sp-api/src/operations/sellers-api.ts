import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import { buildRequest } from '../client/request-builder';

/** A marketplace as the Sellers API describes it. */
export interface SellersMarketplace {
  id: string;
  name: string;
  countryCode: string;
  defaultCurrencyCode: string;
  defaultLanguageCode: string;
  domainName: string;
}

/** One marketplace the seller can (or could) sell in. */
export interface MarketplaceParticipation {
  marketplace: SellersMarketplace;
  participation: { isParticipating: boolean; hasSuspendedListings: boolean };
  storeName?: string;
}

/** `GET /sellers/v1/marketplaceParticipations` response (v1 `payload` wrapper). */
export interface GetMarketplaceParticipationsResponse {
  payload?: MarketplaceParticipation[];
  errors?: { code: string; message: string; details?: string }[];
}

/** Sellers API v1. */
export class SellersApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /**
   * Marketplaces the seller participates in (≈1 call/min: call at connect time, not per request).
   * Unwraps `payload`; keep only ids known to `findMarketplace` when offering them to users.
   */
  async getMarketplaceParticipations(options?: CallOptions): Promise<SpApiResponse<MarketplaceParticipation[]>> {
    const res = await this.http.execute<GetMarketplaceParticipationsResponse>(buildRequest('sellers.getMarketplaceParticipations'), options);
    return { ...res, data: res.data?.payload ?? [] };
  }
}
