import { LinkListingsError } from '../link-listings.error';
import { MAX_PRICE_MINOR, MAX_QUANTITY, parsePlatformListingRequest } from './platform-listing.body';

function rejection(sku: string, body: unknown): { code: string; details: unknown } {
  try {
    parsePlatformListingRequest(sku, body);
  } catch (error) {
    if (error instanceof LinkListingsError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('accepted');
}

describe('parsePlatformListingRequest', () => {
  it('accepts the existing shape, with null defaults', () => {
    expect(parsePlatformListingRequest('SKU-1', { platformListingId: 'p-1' })).toEqual({
      sku: 'SKU-1',
      platformListingId: 'p-1',
      price: null,
      quantity: null,
      handlingTimeDays: null,
      fulfillmentChannel: null,
      active: null,
      product: null,
    });
    expect(
      parsePlatformListingRequest('SKU-1', { platformListingId: 'p-1', price: { amountMinor: 1, currency: 'JPY' }, quantity: 0, handlingTimeDays: 30 }),
    ).toMatchObject({
      price: { amountMinor: 1, currency: 'JPY' },
      quantity: 0,
    });
    expect(
      parsePlatformListingRequest('SKU-1', { platformListingId: 'p-1', price: { amountMinor: MAX_PRICE_MINOR, currency: 'EUR' }, quantity: MAX_QUANTITY })
        .quantity,
    ).toBe(MAX_QUANTITY);
  });

  it.each([
    ['a negative price', { price: { amountMinor: -500, currency: 'USD' } }, 'price.amountMinor', 'must be at least 1'],
    ['a price of 0', { price: { amountMinor: 0, currency: 'USD' } }, 'price.amountMinor', 'must be at least 1'],
    ['an unknown fulfillment channel', { fulfillmentChannel: 'AMAZON_NA' }, 'fulfillmentChannel', 'must be DEFAULT or FBA'],
    ['a UPC of 11 digits', { product: { identifiers: { upc: '01234567890' } } }, 'product.identifiers.upc', 'must be a UPC of 12 digits'],
    ['an absurd price', { price: { amountMinor: MAX_PRICE_MINOR + 1, currency: 'USD' } }, 'price.amountMinor', `must be at most ${MAX_PRICE_MINOR}`],
    ['a fractional price', { price: { amountMinor: 1.5, currency: 'USD' } }, 'price.amountMinor', 'must be a whole number'],
    ['a price as text', { price: { amountMinor: '500', currency: 'USD' } }, 'price.amountMinor', 'must be a number'],
    ['a made-up currency', { price: { amountMinor: 500, currency: '€€€' } }, 'price.currency', 'must be an ISO 4217 currency code such as USD or EUR'],
    ['a test currency', { price: { amountMinor: 500, currency: 'XXX' } }, 'price.currency', 'must be an ISO 4217 currency code such as USD or EUR'],
    ['a lower-case currency', { price: { amountMinor: 500, currency: 'usd' } }, 'price.currency', 'must be an ISO 4217 currency code such as USD or EUR'],
    ['a price without currency', { price: { amountMinor: 500 } }, 'price.currency', 'is required'],
    ['a negative quantity', { quantity: -1 }, 'quantity', 'must be at least 0'],
    ['an absurd quantity', { quantity: MAX_QUANTITY + 1 }, 'quantity', `must be at most ${MAX_QUANTITY}`],
    ['a handling time over 30 days', { handlingTimeDays: 31 }, 'handlingTimeDays', 'must be at most 30'],
    ['a NUL byte in the platform listing id', { platformListingId: 'p\u00001' }, 'platformListingId', 'must not contain a NUL byte'],
    ['an empty platform listing id', { platformListingId: '' }, 'platformListingId', 'must not be empty'],
    ['an unknown field', { colour: 'red' }, 'body', 'unknown field(s): colour'],
  ])('refuses %s naming the field', (_name, change, field, reason) => {
    expect(rejection('SKU-1', { platformListingId: 'p-1', ...change })).toEqual({ code: 'INVALID_REQUEST', details: [{ field, reason }] });
  });

  it('refuses a missing platform listing id and a bad SKU, listing every problem', () => {
    expect(rejection('SKU\u00001', {})).toEqual({
      code: 'INVALID_REQUEST',
      details: [
        { field: 'sku', reason: 'must not contain a NUL byte' },
        { field: 'platformListingId', reason: 'is required' },
      ],
    });
    expect(rejection('S'.repeat(41), { platformListingId: 'p-1' })).toEqual({
      code: 'INVALID_REQUEST',
      details: [{ field: 'sku', reason: 'must be at most 40 characters' }],
    });
  });
});
