import type { SellerAccount } from '@amazon-channel/platform-amazon';
import type { SpApiClient } from '@amazon-channel/sp-api';
import { FALLBACK_PRODUCT_TYPE, type AmazonListing } from './domain/link-decision';

/** searchListingsItems takes at most 20 identifiers per call. */
export const LOOKUP_BATCH = 20;

/**
 * Looks SKUs up on Amazon for linking (by exact SKU; never by ASIN, GTIN, MPN or UPC), with the
 * product type Amazon reports (falling back to `PRODUCT`). What linking then does is decided in
 * `domain/link-decision.ts` and written by the link repository.
 */
export class ListingLinker {
  /** Looks SKUs up on Amazon, 20 per call; a SKU missing from the map is not on Amazon. */
  async lookup(
    client: SpApiClient,
    account: Pick<SellerAccount, 'sellingPartnerId' | 'marketplaceId'>,
    skus: string[],
    signal?: AbortSignal,
  ): Promise<Map<string, AmazonListing>> {
    const found = new Map<string, AmazonListing>();
    for (let start = 0; start < skus.length; start += LOOKUP_BATCH) {
      const identifiers = skus.slice(start, start + LOOKUP_BATCH);
      const { data } = await client.listings.searchListingsItems(
        account.sellingPartnerId,
        { marketplaceIds: [account.marketplaceId], identifiers, identifiersType: 'SKU', includedData: ['summaries'], pageSize: LOOKUP_BATCH },
        { signal },
      );
      for (const item of data.items ?? []) {
        const summary = item.summaries?.find((s) => s.marketplaceId === account.marketplaceId) ?? item.summaries?.[0];
        found.set(item.sku, { asin: summary?.asin ?? null, productType: summary?.productType || FALLBACK_PRODUCT_TYPE, title: summary?.itemName ?? null });
      }
    }
    return found;
  }
}
