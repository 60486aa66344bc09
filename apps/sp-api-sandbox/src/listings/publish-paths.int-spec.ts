import { asinOf, CATALOG_ONLY_PRODUCT_TYPE, catalogFacts, isDuplicateOfPrevious, type CatalogFacts } from '../state/catalog-seed';
import { SandboxHarness, op } from '../testing/sandbox-harness';

const putItem = op('putListingsItem');
const getItem = op('getListingsItem');
const searchCatalog = op('searchCatalogItems');
const restrictions = op('getListingsRestrictions');
const SELLER = 'A1DEMOSELLER00';
const US = 'ATVPDKIKX0DER';

type Issue = { code: string; message: string; severity: string; categories: string[]; attributeNames?: string[] };
type Submission = { status: string; issues?: Issue[] };

/** First catalog index (from 1) whose facts satisfy `test` and whose brand is not gated. */
function find(test: (f: CatalogFacts) => boolean): number {
  for (let i = 1; ; i++) {
    const f = catalogFacts(i);
    if (!f.gated && test(f)) return i;
  }
}

function offer(asin: string, productType = 'PRODUCT', extra: Record<string, unknown> = {}) {
  return {
    productType,
    requirements: 'LISTING_OFFER_ONLY',
    attributes: {
      merchant_suggested_asin: [{ value: asin, marketplace_id: US }],
      condition_type: [{ value: 'new_new', marketplace_id: US }],
      purchasable_offer: [{ marketplace_id: US, currency: 'USD', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 12.5 }] }] }],
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }],
      ...extra,
    },
  };
}

describe('sandbox: the paths publish depends on', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await SandboxHarness.start({ demoListingCount: 5 });
  });
  afterAll(async () => h.stop('publish-paths'));
  beforeEach(async () => {
    await h.advance(10); // Catalog: 2/s, burst 2
  });

  it('one UPC can match several ASINs (catalog duplicates), and each lists the shared UPC', async () => {
    const dup = find((f) => isDuplicateOfPrevious(f.index) && !isDuplicateOfPrevious(f.index - 1));
    const upc = catalogFacts(dup - 1).upc;
    const res = await h.call<{ items: Array<{ asin: string; identifiers: Array<{ identifiers: Array<{ identifierType: string; identifier: string }> }> }> }>(
      searchCatalog,
      { query: { identifiersType: 'UPC', identifiers: upc, marketplaceIds: US, includedData: 'identifiers,summaries' } },
    );
    expect(res.json.items.map((i) => i.asin)).toEqual([asinOf(dup - 1), asinOf(dup)]);
    for (const item of res.json.items) expect(item.identifiers[0]?.identifiers).toContainEqual({ identifierType: 'UPC', identifier: upc });
  });

  it('marks variation parents in summaries', async () => {
    const parent = find((f) => f.classification === 'VARIATION_PARENT');
    const res = await h.call<{ items: Array<{ summaries: Array<{ itemClassification: string }> }> }>(searchCatalog, {
      query: { identifiersType: 'ASIN', identifiers: asinOf(parent), marketplaceIds: US, includedData: 'summaries' },
    });
    expect(res.json.items[0]?.summaries[0]?.itemClassification).toBe('VARIATION_PARENT');
  });

  it('refuses the catalog product type of some ASINs; the same offer as PRODUCT is accepted', async () => {
    const n = find((f) => f.listingRefusesProductType && f.classification === 'BASE_PRODUCT');
    const cat = await h.call<{ items: Array<{ productTypes: Array<{ productType: string }> }> }>(searchCatalog, {
      query: { identifiersType: 'ASIN', identifiers: asinOf(n), marketplaceIds: US, includedData: 'productTypes' },
    });
    expect(cat.json.items[0]?.productTypes[0]?.productType).toBe(CATALOG_ONLY_PRODUCT_TYPE);
    const refused = await h.call<Submission>(putItem, {
      params: { sellerId: SELLER, sku: 'PT-1' },
      query: { marketplaceIds: US },
      body: offer(asinOf(n), CATALOG_ONLY_PRODUCT_TYPE),
    });
    expect(refused.json.status).toBe('INVALID');
    expect(refused.json.issues?.[0]).toMatchObject({
      severity: 'ERROR',
      attributeNames: ['product_type'],
      message: expect.stringContaining('product type specified is invalid'),
    });
    const accepted = await h.call<Submission>(putItem, { params: { sellerId: SELLER, sku: 'PT-1' }, query: { marketplaceIds: US }, body: offer(asinOf(n)) });
    expect(accepted.json.status).toBe('ACCEPTED');
  });

  it('gated brands: restrictions carry an approval link', async () => {
    let gated = 1;
    while (!catalogFacts(gated).gated) gated++;
    const res = await h.call<{ restrictions: Array<{ reasons: Array<{ reasonCode: string; links: Array<{ resource: string }> }> }> }>(restrictions, {
      query: { asin: asinOf(gated), sellerId: SELLER, marketplaceIds: US, conditionType: 'new_new' },
    });
    expect(res.json.restrictions[0]?.reasons[0]).toMatchObject({
      reasonCode: 'APPROVAL_REQUIRED',
      links: [{ resource: expect.stringContaining(asinOf(gated)) }],
    });
  });

  it('a condition note on a New offer: accepted with a warning', async () => {
    const n = find((f) => !f.issueAfterAcceptance && !f.listingRefusesProductType && f.classification === 'BASE_PRODUCT');
    const res = await h.call<Submission>(putItem, {
      params: { sellerId: SELLER, sku: 'NOTE-1' },
      query: { marketplaceIds: US },
      body: offer(asinOf(n), 'PRODUCT', { condition_note: [{ value: 'Box dented', marketplace_id: US }] }),
    });
    expect(res.json.status).toBe('ACCEPTED');
    expect(res.json.issues).toEqual([expect.objectContaining({ severity: 'WARNING', attributeNames: ['condition_note'] })]);
  });

  it('some offers are accepted, then an ERROR issue arrives and the listing is not buyable', async () => {
    const n = find((f) => f.issueAfterAcceptance && !f.listingRefusesProductType && f.classification === 'BASE_PRODUCT');
    const put = await h.call<Submission>(putItem, { params: { sellerId: SELLER, sku: 'LATE-1' }, query: { marketplaceIds: US }, body: offer(asinOf(n)) });
    expect(put.json).toMatchObject({ status: 'ACCEPTED', issues: [] });
    const item = await h.call<{ summaries: Array<{ status: string[] }>; issues: Issue[] }>(getItem, {
      params: { sellerId: SELLER, sku: 'LATE-1' },
      query: { marketplaceIds: US, includedData: 'summaries,issues' },
    });
    expect(item.json.summaries[0]?.status).toEqual([]);
    expect(item.json.issues).toEqual([expect.objectContaining({ severity: 'ERROR', categories: ['INVALID_IMAGE'] })]);
  });
});
