import { decideLink, type AmazonListing, type ChannelLinkState } from './link-decision';

const amazon: AmazonListing = { asin: 'B000000001', productType: 'MUG', title: 'Mug' };
const linked: ChannelLinkState = { id: 'l-1', sku: 'SKU-1', linkStatus: 'LINKED', platformListingId: 'p-1', productType: 'MUG' };
const newId = () => 'new-id';

describe('decideLink', () => {
  it.each([
    ['a linked SKU gone from Amazon breaks', undefined, linked, 'p-1', 'broken', { kind: 'break', listingId: 'l-1', sku: 'SKU-1' }],
    ['an unlinked SKU not on Amazon is left alone', undefined, { ...linked, linkStatus: 'UNLINKED' }, 'p-1', 'not_on_amazon', { kind: 'none' }],
    ['a platform SKU with no listing anywhere is not on Amazon', undefined, undefined, 'p-1', 'not_on_amazon', { kind: 'none' }],
    ['a linked SKU with the same product type and platform listing is already linked', amazon, linked, 'p-1', 'already_linked', { kind: 'none' }],
    ['a linked SKU without a platform listing is already linked', amazon, linked, null, 'already_linked', { kind: 'none' }],
    [
      'a broken SKU back on Amazon is linked again',
      amazon,
      { ...linked, linkStatus: 'BROKEN' },
      'p-1',
      'linked',
      { kind: 'link', listingId: 'l-1', sku: 'SKU-1', platformListingId: 'p-1', productType: 'MUG', asin: 'B000000001' },
    ],
    [
      'a new platform listing of a linked SKU relinks it',
      amazon,
      linked,
      'p-2',
      'linked',
      { kind: 'link', listingId: 'l-1', sku: 'SKU-1', platformListingId: 'p-2', productType: 'MUG', asin: 'B000000001' },
    ],
    [
      'a changed product type relinks it',
      { ...amazon, productType: 'CUP' },
      linked,
      'p-1',
      'linked',
      { kind: 'link', listingId: 'l-1', sku: 'SKU-1', platformListingId: 'p-1', productType: 'CUP', asin: 'B000000001' },
    ],
    [
      'a SKU only Amazon and the platform know is created linked',
      amazon,
      undefined,
      'p-1',
      'linked',
      { kind: 'create', listingId: 'new-id', sku: 'SKU-1', platformListingId: 'p-1', productType: 'MUG', asin: 'B000000001', title: 'Mug' },
    ],
  ] as const)('%s', (_name, found, existing, platformId, outcome, write) => {
    expect(decideLink('SKU-1', found, existing, platformId, newId)).toEqual({ sku: 'SKU-1', outcome, write });
  });
});
