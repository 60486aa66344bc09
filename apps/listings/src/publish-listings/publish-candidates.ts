import type { PlatformListingsRepository } from '../link-listings/platform-listings.repository';
import type { PublishCandidate } from './domain/publish-source';

/** A SKU's desired record with the platform listing it belongs to. */
export interface PublishCandidateRow extends PublishCandidate {
  /** Id of the platform listing record (names the SKU in events when it has no channel listing yet). */
  recordId: string;
  /** The platform's own id of the listing. */
  platformListingId: string;
}

/** Reads the desired records publish offers (the desired-state model on platform listings). */
export abstract class PublishCandidates {
  /** Desired records of these SKUs of a connection (SKUs the platform never described are absent). */
  abstract find(connectionId: string, skus: string[]): Promise<Map<string, PublishCandidateRow>>;
}

/** {@link PublishCandidates} over the desired-state model (`platform_listings`). */
export class PlatformPublishCandidates extends PublishCandidates {
  constructor(private readonly platformListings: PlatformListingsRepository) {
    super();
  }

  async find(connectionId: string, skus: string[]): Promise<Map<string, PublishCandidateRow>> {
    const rows = await this.platformListings.desiredForPublish(connectionId, skus);
    return new Map(
      rows.map((r) => [
        r.sku,
        {
          recordId: r.id,
          platformListingId: r.platform_listing_id,
          sku: r.sku,
          price: r.price_minor === null || r.currency === null ? null : { amountMinor: r.price_minor, currency: r.currency.trim() },
          quantity: r.quantity,
          handlingTimeDays: r.handling_time_days,
          fulfillmentChannel: r.fulfillment_channel,
          product: r.product,
        },
      ]),
    );
  }
}
