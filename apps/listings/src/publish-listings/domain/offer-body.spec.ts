import { validateProductIdentifier, type ValidIdentifier } from '@amazon-channel/mapping';
import { offerFeedMessage, offerPutBody } from './offer-body';
import type { OfferDraft } from './presend-checks';

const US = 'ATVPDKIKX0DER';
const draft = (over: Partial<OfferDraft> = {}): OfferDraft => ({
  sku: 'SKU-1',
  productId: validateProductIdentifier('UPC', '036000291452') as ValidIdentifier,
  priceMinor: 2999,
  currency: 'USD',
  quantity: 12,
  handlingTimeDays: 2,
  condition: 'new_new',
  conditionNote: null,
  fulfillmentChannel: 'DEFAULT',
  ...over,
});

describe('publish: offer body (LISTING_OFFER_ONLY)', () => {
  it('puts the ASIN in merchant_suggested_asin and sends price, condition and stock', () => {
    expect(offerPutBody(draft(), 'B0EXAMPLE1', 'LUGGAGE', US)).toEqual({
      productType: 'LUGGAGE',
      requirements: 'LISTING_OFFER_ONLY',
      attributes: {
        merchant_suggested_asin: [{ value: 'B0EXAMPLE1', marketplace_id: US }],
        condition_type: [{ value: 'new_new', marketplace_id: US }],
        purchasable_offer: [{ marketplace_id: US, currency: 'USD', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 29.99 }] }] }],
        fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 12, lead_time_to_ship_max_days: 2 }],
      },
    });
  });

  it('never sends a condition note on a New item; sends it on a used one', () => {
    expect(offerPutBody(draft({ conditionNote: 'Scuffed' }), 'B0EXAMPLE1', 'PRODUCT', US).attributes).not.toHaveProperty('condition_note');
    expect(offerPutBody(draft({ condition: 'used_good', conditionNote: 'Scuffed' }), 'B0EXAMPLE1', 'PRODUCT', US).attributes['condition_note']).toEqual([
      { value: 'Scuffed', language_tag: 'en_US', marketplace_id: US },
    ]);
  });

  it('FBA: no quantity', () => {
    const body = offerPutBody(draft({ fulfillmentChannel: 'AMAZON_NA', quantity: null, handlingTimeDays: null }), 'B0EXAMPLE1', 'PRODUCT', US);
    expect(body.attributes['fulfillment_availability']).toEqual([{ fulfillment_channel_code: 'AMAZON_NA' }]);
  });

  it('a feed UPDATE message carries the same attributes, the ASIN never at message level', () => {
    const message = offerFeedMessage(7, 'SKU-1', offerPutBody(draft(), 'B0EXAMPLE1', 'LUGGAGE', US));
    expect(message).toMatchObject({ messageId: 7, sku: 'SKU-1', operationType: 'UPDATE', productType: 'LUGGAGE', requirements: 'LISTING_OFFER_ONLY' });
    expect(message.attributes).toEqual(offerPutBody(draft(), 'B0EXAMPLE1', 'LUGGAGE', US).attributes);
    expect(message).not.toHaveProperty('merchant_suggested_asin');
  });
});
