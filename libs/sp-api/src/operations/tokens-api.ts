import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import { buildRequest } from '../client/request-builder';

/** One resource a Restricted Data Token should unlock. */
export interface RestrictedResource {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  dataElements?: ('buyerInfo' | 'shippingAddress' | 'buyerTaxInformation')[];
}

/** `createRestrictedDataToken` body. */
export interface CreateRestrictedDataTokenRequest {
  restrictedResources: RestrictedResource[];
  targetApplication?: string;
}

/** RDT answer. The token is a secret: never log it. */
export interface CreateRestrictedDataTokenResponse {
  restrictedDataToken: string;
  expiresIn: number;
}

/** Tokens API 2021-03-01. */
export class TokensApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /** Creates an RDT; pass it to a call via `new StaticAccessTokenProvider(rdt)` in `CallOptions.accessTokens`. */
  createRestrictedDataToken(body: CreateRestrictedDataTokenRequest, options?: CallOptions): Promise<SpApiResponse<CreateRestrictedDataTokenResponse>> {
    return this.http.execute(buildRequest('tokens.createRestrictedDataToken', {}, {}, body), options);
  }
}
