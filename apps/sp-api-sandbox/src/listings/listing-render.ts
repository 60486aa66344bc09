import { isoSeconds } from '../core/clock';
import type { ListingRecord } from '../state/listing-model';
import { factsOfRecord } from '../state/listing-model';

/** `includedData` values of getListingsItem / searchListingsItems. */
export const ITEM_INCLUDED_DATA = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;
/** One Listings Items dataset name. */
export type ItemIncludedData = (typeof ITEM_INCLUDED_DATA)[number];

const CONDITIONS = new Set([
  'new_new',
  'new_open_box',
  'new_oem',
  'refurbished_refurbished',
  'used_like_new',
  'used_very_good',
  'used_good',
  'used_acceptable',
  'collectible_like_new',
  'collectible_very_good',
  'collectible_good',
  'collectible_acceptable',
  'club_club',
]);

/** Renders a listing as the Listings Items API `Item`, with only the requested datasets. */
export function renderItem(record: ListingRecord, marketplaceIds: string[], included: ReadonlySet<ItemIncludedData>) {
  const perMarket = marketplaceIds.map((m) => ({ m, f: factsOfRecord(record, m) }));
  return {
    sku: record.sku,
    ...(included.has('summaries')
      ? {
          summaries: perMarket.map(({ m, f }) => ({
            marketplaceId: m,
            ...(record.asin ? { asin: record.asin } : {}),
            productType: record.productType,
            ...(CONDITIONS.has(f.condition) ? { conditionType: f.condition } : {}),
            status: f.status === 'Active' ? ['BUYABLE', 'DISCOVERABLE'] : f.status === 'Inactive' ? ['DISCOVERABLE'] : [],
            itemName: f.title,
            createdDate: isoSeconds(record.createdMs),
            lastUpdatedDate: isoSeconds(record.updatedMs),
          })),
        }
      : {}),
    ...(included.has('attributes') ? { attributes: record.attributes } : {}),
    ...(included.has('issues') ? { issues: record.issues } : {}),
    ...(included.has('offers')
      ? {
          offers: perMarket
            .filter(({ f }) => f.priceMinor !== undefined)
            .map(({ m, f }) => ({
              marketplaceId: m,
              offerType: 'B2C',
              price: { currencyCode: f.currency, amount: ((f.priceMinor as number) / 100).toFixed(2) },
              audience: { value: 'ALL', displayName: 'Sales to all customers' },
            })),
        }
      : {}),
    ...(included.has('fulfillmentAvailability')
      ? {
          fulfillmentAvailability: [
            {
              fulfillmentChannelCode: perMarket[0]?.f.channel ?? 'DEFAULT',
              ...(perMarket[0]?.f.quantity !== undefined ? { quantity: perMarket[0].f.quantity } : {}),
            },
          ],
        }
      : {}),
    ...(included.has('procurement') ? { procurement: [] } : {}),
    ...(included.has('relationships') ? { relationships: [] } : {}),
    ...(included.has('productTypes') ? { productTypes: marketplaceIds.map((m) => ({ marketplaceId: m, productType: record.productType })) } : {}),
  };
}
