import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import type { QueryValue } from '../client/request-builder';
import { buildRequest } from '../client/request-builder';

/** Listing condition types (the `conditionType` enum of Listings Restrictions and `condition_type` of Listings Items). */
export type ListingConditionType =
  | 'new_new'
  | 'new_open_box'
  | 'new_oem'
  | 'refurbished_refurbished'
  | 'used_like_new'
  | 'used_very_good'
  | 'used_good'
  | 'used_acceptable'
  | 'collectible_like_new'
  | 'collectible_very_good'
  | 'collectible_good'
  | 'collectible_acceptable'
  | 'club_club';

/** A path-forward link of a restriction reason (e.g. Seller Central's approval request page). */
export interface RestrictionLink {
  resource: string;
  verb: 'GET';
  title?: string;
  type?: string;
}

/** Why an ASIN is restricted. `reasonCode` is optional in Amazon's model: a reason may carry only a message. */
export interface RestrictionReason {
  message?: string;
  reasonCode?: 'APPROVAL_REQUIRED' | 'ASIN_NOT_FOUND' | 'NOT_ELIGIBLE';
  links?: RestrictionLink[];
}

/** A restriction in one marketplace, optionally for one condition. */
export interface ListingRestriction {
  marketplaceId: string;
  conditionType?: ListingConditionType;
  reasons?: RestrictionReason[];
}

/** `getListingsRestrictions` response: an empty list means the seller may list the ASIN. */
export interface RestrictionList {
  restrictions: ListingRestriction[];
}

/** `getListingsRestrictions` query. */
export interface GetListingsRestrictionsParams {
  asin: string;
  sellerId: string;
  marketplaceIds: string[];
  conditionType?: ListingConditionType;
  reasonLocale?: string;
}

/** Listings Restrictions API 2021-08-01 (5/s, burst 10): one ASIN per call, there is no bulk form. */
export class ListingsRestrictionsApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /** Whether the seller may list `asin` (in `conditionType`): brand gating, ASIN not found, not eligible. */
  getListingsRestrictions(params: GetListingsRestrictionsParams, options?: CallOptions): Promise<SpApiResponse<RestrictionList>> {
    return this.http.execute(buildRequest('listingsRestrictions.getListingsRestrictions', {}, params as unknown as Record<string, QueryValue>), options);
  }
}
