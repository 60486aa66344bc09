import { importSettingsSchema } from './import-settings';
import { classifyRow, parseHeader, parsePriceMinor, type ReportHeader } from './report-row';

const HEADER = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'image-url',
  'asin1',
  'pending-quantity',
  'fulfillment-channel',
  'status',
];
const header = parseHeader(HEADER) as ReportHeader;
const settings = { quantityThreshold: 999_999 };

function cells(values: Partial<Record<string, string>>): string[] {
  return HEADER.map((name) => values[name] ?? '');
}
const merchant = { 'seller-sku': 'SKU-1', price: '19.99', quantity: '5', 'pending-quantity': '0', 'fulfillment-channel': 'DEFAULT', status: 'Active' };

describe('classifyRow', () => {
  it('reads a merchant-fulfilled row into a listing with its price in minor units', () => {
    const outcome = classifyRow(
      cells({ ...merchant, 'item-name': 'Mug', 'image-url': 'https://img/x.jpg', asin1: 'B000000001', 'listing-id': 'L1' }),
      header,
      settings,
      'USD',
    );
    expect(outcome).toEqual({
      kind: 'listing',
      listing: expect.objectContaining({
        sku: 'SKU-1',
        title: 'Mug',
        priceMinor: 1999,
        currency: 'USD',
        quantity: 5,
        images: ['https://img/x.jpg'],
        asin: 'B000000001',
        externalListingId: 'L1',
        listingStatus: 'ACTIVE',
      }),
    });
  });

  it.each([
    ['quantity empty', { quantity: '' }, 'quantity_empty'],
    ['quantity above the threshold', { quantity: '1000000' }, 'quantity_too_high'],
    ['pending quantity empty', { 'pending-quantity': '' }, 'pending_quantity_empty'],
    ['pending quantity above the threshold', { 'pending-quantity': '9999999' }, 'pending_quantity_too_high'],
    ['price empty', { price: '' }, 'price_empty'],
  ])('skips a merchant row with %s', (_name, change, reason) => {
    expect(classifyRow(cells({ ...merchant, ...change }), header, settings, 'USD')).toEqual({ kind: 'skipped', reason });
  });

  it('imports an FBA row with empty quantities (Amazon holds the stock) but still skips it without a price', () => {
    const fba = { ...merchant, quantity: '', 'pending-quantity': '', 'fulfillment-channel': 'AMAZON_NA' };
    const outcome = classifyRow(cells(fba), header, settings, 'USD');
    expect(outcome).toEqual({ kind: 'listing', listing: expect.objectContaining({ quantity: null, fulfillmentChannel: 'AMAZON_NA' }) });
    expect(classifyRow(cells({ ...fba, price: '' }), header, settings, 'USD')).toEqual({ kind: 'skipped', reason: 'price_empty' });
  });

  it('uses the configured threshold', () => {
    expect(classifyRow(cells({ ...merchant, quantity: '21' }), header, { quantityThreshold: 20 }, 'USD')).toEqual({
      kind: 'skipped',
      reason: 'quantity_too_high',
    });
  });

  it('hides listings Amazon reports as not active', () => {
    const outcome = classifyRow(cells({ ...merchant, status: 'Inactive' }), header, settings, 'USD');
    expect(outcome.kind === 'listing' && outcome.listing.listingStatus).toBe('HIDDEN');
  });

  it.each([
    ['a wrong column count', cells(merchant).slice(0, 5), /has 5 columns, the header has 11/],
    ['a bad price', cells({ ...merchant, price: '1.2.3' }), /price "1.2.3" is not a number/],
    ['a bad quantity', cells({ ...merchant, quantity: '-1' }), /quantity "-1" is not a whole number/],
    ['an unknown fulfillment channel', cells({ ...merchant, 'fulfillment-channel': 'MFN' }), /fulfillment-channel "MFN"/],
    ['an undecodable byte', cells({ ...merchant, 'item-name': 'Caf\uFFFD' }), /not valid in the report charset/],
    ['a NUL byte', cells({ ...merchant, 'item-name': 'Caf\u0000' }), /^SKU SKU-1: item-name contains a NUL byte$/],
    ['a NUL byte in the SKU', cells({ ...merchant, 'seller-sku': 'SKU\u00001' }), /^seller-sku contains a NUL byte$/],
  ])('reports a row with %s as an error', (_name, row, message) => {
    const outcome = classifyRow(row, header, settings, 'USD');
    expect(outcome.kind).toBe('error');
    expect(outcome.kind === 'error' && outcome.message).toMatch(message);
  });
});

describe('parseHeader', () => {
  it('finds columns by name in any order and names missing required ones', () => {
    expect(parseHeader(['seller-sku', 'quantity'])).toEqual({ missing: ['price'] });
    const reordered = parseHeader(['\uFEFFprice', 'seller-sku', 'quantity']) as ReportHeader;
    expect(reordered.index.price).toBe(0);
    expect(reordered.index.pendingQuantity).toBe(-1);
  });
});

describe('parsePriceMinor', () => {
  it("converts by the currency's minor digits and accepts a decimal comma", () => {
    expect(parsePriceMinor('12.5', 'USD')).toBe(1250);
    expect(parsePriceMinor('12,50', 'EUR')).toBe(1250);
    expect(parsePriceMinor('1200', 'JPY')).toBe(1200);
    expect(parsePriceMinor('12.345', 'USD')).toBeNull();
    expect(parsePriceMinor('99999999999', 'USD')).toBeNull();
  });
});

describe('importSettingsSchema', () => {
  it('defaults to Create Only with the 999,999 threshold and refuses product overwrite without overwrite mode', () => {
    expect(importSettingsSchema.parse({})).toEqual({ mode: 'CREATE_ONLY', overwriteProductData: false, pauseNewListings: false, quantityThreshold: 999_999 });
    expect(importSettingsSchema.safeParse({ overwriteProductData: true }).success).toBe(false);
    expect(importSettingsSchema.safeParse({ mode: 'CREATE_AND_OVERWRITE', overwriteProductData: true }).success).toBe(true);
  });
});
