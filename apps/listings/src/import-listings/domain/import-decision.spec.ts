import { contentHash, decideBatch, offerHash, productHash, writeModeOf, type PendingRow, type WriteMode } from './import-decision';
import type { ImportedListing } from './report-row';

const listing = (sku: string, change: Partial<ImportedListing> = {}): ImportedListing => ({
  sku,
  externalListingId: 'L1',
  asin: 'B000000001',
  title: 'Mug',
  description: null,
  images: [],
  priceMinor: 1999,
  currency: 'USD',
  quantity: 5,
  fulfillmentChannel: 'DEFAULT',
  amazonStatus: 'Active',
  listingStatus: 'ACTIVE',
  ...change,
});
const rows = (...listings: ImportedListing[]): PendingRow[] => listings.map((l, i) => ({ line: i + 2, listing: l }));
let seq = 0;
const newId = () => `id-${++seq}`;
const MODES: WriteMode[] = ['CREATE_ONLY', 'OVERWRITE_OFFER', 'OVERWRITE_ALL'];

describe('decideBatch', () => {
  it('creates SKUs that have no listing, in every mode, with the full hash', () => {
    for (const mode of MODES) {
      const decision = decideBatch(rows(listing('A')), new Map(), mode, newId);
      expect(decision).toEqual({ writes: [expect.objectContaining({ sku: 'A', contentHash: contentHash(listing('A')) })], unchanged: 0, errors: [] });
    }
  });

  // The issue: a Create Only import followed by an overwrite of the same report rewrote every row.
  it.each(MODES)("leaves a row another mode wrote unchanged in %s when Amazon's values are the same", (mode) => {
    const stored = new Map([['A', contentHash(listing('A'))]]);
    expect(decideBatch(rows(listing('A')), stored, mode, newId)).toEqual({ writes: [], unchanged: 1, errors: [] });
  });

  it("leaves an offer-only overwrite's row unchanged for a full overwrite when the product data did not change", () => {
    const afterOffer = decideBatch(rows(listing('A', { priceMinor: 2500 })), new Map([['A', contentHash(listing('A'))]]), 'OVERWRITE_OFFER', newId).writes[0];
    expect(afterOffer?.contentHash).toBe(contentHash(listing('A', { priceMinor: 2500 })));
    expect(decideBatch(rows(listing('A', { priceMinor: 2500 })), new Map([['A', afterOffer?.contentHash ?? null]]), 'OVERWRITE_ALL', newId).writes).toEqual([]);
  });

  it('never touches an existing SKU in Create Only, even when Amazon changed it', () => {
    const stored = new Map([['A', contentHash(listing('A'))]]);
    expect(decideBatch(rows(listing('A', { priceMinor: 1 })), stored, 'CREATE_ONLY', newId)).toEqual({ writes: [], unchanged: 1, errors: [] });
  });

  it('overwrites a changed offer in both overwrite modes', () => {
    const stored = new Map([['A', contentHash(listing('A'))]]);
    for (const mode of ['OVERWRITE_OFFER', 'OVERWRITE_ALL'] as const) {
      expect(decideBatch(rows(listing('A', { quantity: 6 })), stored, mode, newId).writes).toHaveLength(1);
    }
  });

  it('overwrites changed product data only in a full overwrite; an offer overwrite keeps the stored product hash', () => {
    const stored = new Map([['A', contentHash(listing('A'))]]);
    const retitled = listing('A', { title: 'Cup' });
    expect(decideBatch(rows(retitled), stored, 'OVERWRITE_OFFER', newId).writes).toEqual([]);
    expect(decideBatch(rows(retitled), stored, 'OVERWRITE_ALL', newId).writes).toEqual([
      expect.objectContaining({ title: 'Cup', contentHash: contentHash(retitled) }),
    ]);
    const repriced = listing('A', { title: 'Cup', priceMinor: 1 });
    expect(decideBatch(rows(repriced), stored, 'OVERWRITE_OFFER', newId).writes[0]?.contentHash).toBe(`${offerHash(repriced)}.${productHash(listing('A'))}`);
  });

  it("rewrites once a listing whose hash has another shape (Link Listings' empty one, or the pre-split hash)", () => {
    for (const old of ['', null, 'a-single-old-hash']) {
      expect(decideBatch(rows(listing('A')), new Map([['A', old]]), 'OVERWRITE_OFFER', newId).writes).toHaveLength(1);
    }
  });

  it('keeps the last line of a SKU repeated in a batch and holds the earlier one as a row error', () => {
    const decision = decideBatch(rows(listing('A', { quantity: 1 }), listing('B'), listing('A', { quantity: 2 })), new Map(), 'CREATE_ONLY', newId);
    expect(decision.writes.map((w) => [w.sku, w.quantity])).toEqual([
      ['A', 2],
      ['B', 5],
    ]);
    expect(decision.errors).toEqual([{ line: 2, sku: 'A', message: 'Line 2: SKU A appears again on line 4; the later line was imported' }]);
  });
});

describe('writeModeOf', () => {
  it("maps the seller's settings to a write mode", () => {
    expect(writeModeOf({ mode: 'CREATE_ONLY', overwriteProductData: false })).toBe('CREATE_ONLY');
    expect(writeModeOf({ mode: 'CREATE_AND_OVERWRITE', overwriteProductData: false })).toBe('OVERWRITE_OFFER');
    expect(writeModeOf({ mode: 'CREATE_AND_OVERWRITE', overwriteProductData: true })).toBe('OVERWRITE_ALL');
  });
});
