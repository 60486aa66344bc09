/** Amazon's generic product type, used when a listing reports none. */
export const FALLBACK_PRODUCT_TYPE = 'PRODUCT';

/** What Amazon holds for a SKU, as far as linking needs it. */
export interface AmazonListing {
  asin: string | null;
  productType: string;
  title: string | null;
}

/** Outcome of linking one SKU. */
export type LinkOutcome = 'linked' | 'already_linked' | 'broken' | 'not_on_amazon';

/** The link state of the channel listing of a SKU, as stored. */
export interface ChannelLinkState {
  id: string;
  sku: string;
  linkStatus: string;
  platformListingId: string | null;
  productType: string | null;
}

/** What linking does to one SKU's channel listing. */
export type LinkWrite =
  | { kind: 'none' }
  | { kind: 'break'; listingId: string; sku: string }
  | { kind: 'link'; listingId: string; sku: string; platformListingId: string | null; productType: string; asin: string | null }
  | { kind: 'create'; listingId: string; sku: string; platformListingId: string | null; productType: string; asin: string | null; title: string | null };

/** The decision for one SKU: its outcome and the write it needs. */
export interface LinkDecision {
  sku: string;
  outcome: LinkOutcome;
  write: LinkWrite;
}

/**
 * Decides the link of one SKU by exact SKU only (never ASIN, GTIN, MPN or UPC):
 * - not on Amazon: a LINKED listing turns BROKEN, anything else is left (`not_on_amazon`);
 * - on Amazon and already LINKED with the same product type and platform listing: nothing;
 * - otherwise the listing is linked (created from Amazon's summary when the SKU has none yet;
 *   its offer values arrive with the next import or sync).
 * @param platformListingId the platform's listing of the SKU, null when the platform has none.
 */
export function decideLink(
  sku: string,
  amazon: AmazonListing | undefined,
  existing: ChannelLinkState | undefined,
  platformListingId: string | null,
  newId: () => string,
): LinkDecision {
  if (!amazon) {
    if (existing?.linkStatus === 'LINKED') return { sku, outcome: 'broken', write: { kind: 'break', listingId: existing.id, sku } };
    return { sku, outcome: 'not_on_amazon', write: { kind: 'none' } };
  }
  if (
    existing &&
    existing.linkStatus === 'LINKED' &&
    existing.productType === amazon.productType &&
    (platformListingId === null || existing.platformListingId === platformListingId)
  ) {
    return { sku, outcome: 'already_linked', write: { kind: 'none' } };
  }
  if (existing) {
    return {
      sku,
      outcome: 'linked',
      write: { kind: 'link', listingId: existing.id, sku, platformListingId, productType: amazon.productType, asin: amazon.asin },
    };
  }
  return {
    sku,
    outcome: 'linked',
    write: { kind: 'create', listingId: newId(), sku, platformListingId, productType: amazon.productType, asin: amazon.asin, title: amazon.title },
  };
}
