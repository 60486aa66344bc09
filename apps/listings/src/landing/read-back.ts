import type { ListingsItem, SpApiClient } from '@amazon-channel/sp-api';
import type { SyncedValues } from '../link-listings/domain/desired-state';

/** SKUs per `searchListingsItems` call (the operation's `identifiers` maximum). */
export const READ_BACK_BATCH = 20;

/** The values sync manages as one listings item shows them (pure). */
export function syncedValuesOf(item: ListingsItem, marketplaceId: string, at: Date): SyncedValues {
  const offer = item.offers?.find((o) => o.marketplaceId === marketplaceId && o.offerType === 'B2C') ?? item.offers?.[0];
  const amount = offer ? Number(offer.price.amount) : NaN;
  const availability = item.fulfillmentAvailability?.[0];
  const attribute = (item.attributes?.['fulfillment_availability'] as Array<Record<string, unknown>> | undefined)?.[0];
  const lead = attribute?.['lead_time_to_ship_max_days'];
  return {
    priceMinor: Number.isFinite(amount) ? Math.round(amount * 100) : null,
    currency: offer?.price.currencyCode ?? null,
    quantity: typeof availability?.quantity === 'number' ? availability.quantity : null,
    handlingTimeDays: typeof lead === 'number' ? lead : null,
    fulfillmentChannel: availability?.fulfillmentChannelCode ?? null,
    confirmedAt: at.toISOString(),
  };
}

/**
 * Reads back what is live for these SKUs: `searchListingsItems` by SKU, 20 a call (write-path.md §B.9),
 * at bulk priority so the fast lane goes first. SKUs Amazon does not return are absent from the map.
 */
export async function readBack(
  client: SpApiClient,
  account: { sellingPartnerId: string; marketplaceId: string },
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, SyncedValues>> {
  const live = new Map<string, SyncedValues>();
  for (let i = 0; i < skus.length; i += READ_BACK_BATCH) {
    const batch = skus.slice(i, i + READ_BACK_BATCH);
    const { data } = await client.listings.searchListingsItems(
      account.sellingPartnerId,
      {
        marketplaceIds: [account.marketplaceId],
        identifiers: [...batch],
        identifiersType: 'SKU',
        includedData: ['summaries', 'attributes', 'offers', 'fulfillmentAvailability'],
        pageSize: READ_BACK_BATCH,
      },
      { signal, priority: 'bulk' },
    );
    const now = new Date();
    for (const item of data.items) live.set(item.sku, syncedValuesOf(item, account.marketplaceId, now));
  }
  return live;
}
