import type { ListingsItemPutRequest } from '@amazon-channel/sp-api';
import type { OfferDraft } from './presend-checks';

/** A JSON_LISTINGS_FEED `UPDATE` message (offer only). */
export interface OfferFeedMessage {
  messageId: number;
  sku: string;
  operationType: 'UPDATE';
  productType: string;
  requirements: 'LISTING_OFFER_ONLY';
  attributes: Record<string, unknown>;
}

/**
 * The offer attributes of a SKU on an existing ASIN (write-path.md §A.2): the ASIN as
 * `merchant_suggested_asin` (an attribute, never a message field), condition, price and stock.
 * Product facts (title, brand) are never sent: Amazon refuses brand changes on an ASIN it owns.
 * A PUT replaces every attribute, so everything publish manages is always included.
 */
export function offerAttributes(draft: OfferDraft, asin: string, marketplaceId: string): Record<string, unknown> {
  const price = draft.priceMinor / 100;
  const availability: Record<string, unknown> = { fulfillment_channel_code: draft.fulfillmentChannel };
  if (draft.fulfillmentChannel === 'DEFAULT' && draft.quantity !== null) availability['quantity'] = draft.quantity;
  if (draft.handlingTimeDays !== null) availability['lead_time_to_ship_max_days'] = draft.handlingTimeDays;
  return {
    merchant_suggested_asin: [{ value: asin, marketplace_id: marketplaceId }],
    condition_type: [{ value: draft.condition, marketplace_id: marketplaceId }],
    ...(draft.conditionNote !== null && !draft.condition.startsWith('new_')
      ? { condition_note: [{ value: draft.conditionNote, language_tag: 'en_US', marketplace_id: marketplaceId }] }
      : {}),
    purchasable_offer: [{ marketplace_id: marketplaceId, currency: draft.currency, audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: price }] }] }],
    fulfillment_availability: [availability],
  };
}

/** `putListingsItem` body of an offer. */
export function offerPutBody(draft: OfferDraft, asin: string, productType: string, marketplaceId: string): ListingsItemPutRequest {
  return { productType, requirements: 'LISTING_OFFER_ONLY', attributes: offerAttributes(draft, asin, marketplaceId) };
}

/** An offer (as planned and stored) as a feed `UPDATE` message. */
export function offerFeedMessage(messageId: number, sku: string, offer: { productType: string; attributes: Record<string, unknown> }): OfferFeedMessage {
  return { messageId, sku, operationType: 'UPDATE', productType: offer.productType, requirements: 'LISTING_OFFER_ONLY', attributes: offer.attributes };
}
