import { asinOf, catalogFacts } from '../state/catalog-seed';
import { SandboxHarness, op } from '../testing/sandbox-harness';

const getItem = op('getListingsItem');
const putItem = op('putListingsItem');
const patchItem = op('patchListingsItem');
const deleteItem = op('deleteListingsItem');
const searchItems = op('searchListingsItems');
const searchCatalog = op('searchCatalogItems');
const getCatalogItem = op('getCatalogItem');
const searchTypes = op('searchDefinitionsProductTypes');
const getType = op('getDefinitionsProductType');
const createRdt = op('createRestrictedDataToken');

const SELLER = 'A1DEMOSELLER00';
const US = 'ATVPDKIKX0DER';

type Submission = {
  sku: string;
  status: string;
  submissionId: string;
  issues?: Array<{ code: string; severity: string; categories: string[] }>;
  identifiers?: Array<{ asin: string }>;
};
type Item = {
  sku: string;
  summaries?: Array<{ asin?: string; status: string[]; productType: string }>;
  offers?: Array<{ price: { amount: string; currencyCode: string } }>;
  fulfillmentAvailability?: Array<{ quantity?: number }>;
  attributes?: Record<string, unknown>;
  issues?: unknown[];
};

/** First catalog item whose brand is gated / not gated. */
function findItem(gated: boolean): string {
  for (let i = 1; ; i++) if (catalogFacts(i).gated === gated) return asinOf(i);
}

function offerOnly(asin: string, price = 19.99) {
  return {
    productType: 'PRODUCT',
    requirements: 'LISTING_OFFER_ONLY',
    attributes: {
      merchant_suggested_asin: [{ value: asin, marketplace_id: US }],
      condition_type: [{ value: 'new_new' }],
      purchasable_offer: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: price }] }] }],
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7, lead_time_to_ship_max_days: 2 }],
    },
  };
}

describe('Listings Items, Listings Restrictions, Catalog Items, Product Type Definitions and Tokens', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await SandboxHarness.start({ demoListingCount: 40 });
  });
  afterAll(async () => h.stop('listings'));
  beforeEach(async () => {
    await h.advance(10); // keeps each test inside Catalog's 2/s, burst 2 plan
  });

  it('reads a listing with the requested datasets and 404s unknown SKUs; another seller id is 403', async () => {
    const item = await h.call<Item>(getItem, {
      params: { sellerId: SELLER, sku: 'SKU-0000001' },
      query: { marketplaceIds: US, includedData: 'summaries,offers,fulfillmentAvailability' },
    });
    expect(item.status).toBe(200);
    expect(item.json.summaries?.[0]).toMatchObject({ productType: expect.any(String), status: ['BUYABLE', 'DISCOVERABLE'] });
    expect(item.json.offers?.[0]?.price.currencyCode).toBe('USD');
    expect(item.json.attributes).toBeUndefined();
    expect((await h.call(getItem, { params: { sellerId: SELLER, sku: 'NOPE' }, query: { marketplaceIds: US } })).status).toBe(404);
    expect((await h.call(getItem, { params: { sellerId: 'A9SOMEONEELSE', sku: 'SKU-0000001' }, query: { marketplaceIds: US } })).status).toBe(403);
    expect((await h.call(getItem, { params: { sellerId: SELLER, sku: 'SKU-0000001' } })).status).toBe(400);
  });

  it('previews without writing (VALID + identifiers), then accepts an offer-only listing on an existing ASIN', async () => {
    const asin = findItem(false);
    const preview = await h.call<Submission>(putItem, {
      params: { sellerId: SELLER, sku: 'OFFER/1' },
      query: { marketplaceIds: US, mode: 'VALIDATION_PREVIEW', includedData: 'identifiers,issues' },
      body: offerOnly(asin),
    });
    expect(preview.json).toMatchObject({ status: 'VALID', identifiers: [{ asin }] });
    expect((await h.call(getItem, { params: { sellerId: SELLER, sku: 'OFFER/1' }, query: { marketplaceIds: US } })).status).toBe(404);
    const put = await h.call<Submission>(putItem, { params: { sellerId: SELLER, sku: 'OFFER/1' }, query: { marketplaceIds: US }, body: offerOnly(asin) });
    expect(put.json.status).toBe('ACCEPTED');
    const read = await h.call<Item>(getItem, {
      params: { sellerId: SELLER, sku: 'OFFER/1' },
      query: { marketplaceIds: US, includedData: 'summaries,offers,fulfillmentAvailability' },
    });
    expect(read.json).toMatchObject({ sku: 'OFFER/1', offers: [{ price: { amount: '19.99' } }], fulfillmentAvailability: [{ quantity: 7 }] });
    expect(read.json.summaries?.[0]?.asin).toBe(asin);
    expect(
      (await h.call(putItem, { params: { sellerId: SELLER, sku: 'OFFER/1' }, query: { marketplaceIds: `${US},A2EUQ1WTGCTBG2` }, body: offerOnly(asin) }))
        .status,
    ).toBe(400);
  });

  it('reports INVALID with issues for a missing ASIN, missing requirements and a gated brand until the seller is approved', async () => {
    const missing = await h.call<Submission>(putItem, {
      params: { sellerId: SELLER, sku: 'BAD-1' },
      query: { marketplaceIds: US },
      body: offerOnly('B0ZZZZZZZZ'),
    });
    expect(missing.json.status).toBe('INVALID');
    const noCondition = await h.call<Submission>(putItem, {
      params: { sellerId: SELLER, sku: 'BAD-2' },
      query: { marketplaceIds: US },
      body: { productType: 'PRODUCT', requirements: 'LISTING_OFFER_ONLY', attributes: { merchant_suggested_asin: [{ value: findItem(false) }] } },
    });
    expect(noCondition.json.issues?.map((i) => i.categories[0])).toContain('MISSING_ATTRIBUTE');
    const gatedAsin = findItem(true);
    const gated = await h.call<Submission>(putItem, {
      params: { sellerId: SELLER, sku: 'GATED-1' },
      query: { marketplaceIds: US },
      body: offerOnly(gatedAsin),
    });
    expect(gated.json.status).toBe('INVALID');
    expect(gated.json.issues?.[0]?.categories).toEqual(['QUALIFICATION_REQUIRED']);
    const restrictions = op('getListingsRestrictions');
    type R = { restrictions: Array<{ reasons: Array<{ reasonCode: string }> }> };
    const before = await h.call<R>(restrictions, { query: { asin: gatedAsin, sellerId: SELLER, marketplaceIds: US, conditionType: 'new_new' } });
    expect(before.json.restrictions[0]?.reasons[0]?.reasonCode).toBe('APPROVAL_REQUIRED');
    expect(
      (await h.call<R>(restrictions, { query: { asin: 'B0ZZZZZZZZ', sellerId: SELLER, marketplaceIds: US } })).json.restrictions[0]?.reasons[0]?.reasonCode,
    ).toBe('ASIN_NOT_FOUND');
    expect((await h.call<R>(restrictions, { query: { asin: findItem(false), sellerId: SELLER, marketplaceIds: US } })).json.restrictions).toEqual([]);
    await h.admin('POST', `/sellers/${SELLER}/approved-brands`, { brand: catalogFacts(Number.parseInt(gatedAsin.slice(2), 36)).brand });
    expect(
      (await h.call<Submission>(putItem, { params: { sellerId: SELLER, sku: 'GATED-1' }, query: { marketplaceIds: US }, body: offerOnly(gatedAsin) })).json
        .status,
    ).toBe('ACCEPTED');
    expect((await h.call<R>(restrictions, { query: { asin: gatedAsin, sellerId: SELLER, marketplaceIds: US } })).json.restrictions).toEqual([]);
    expect((await h.call(putItem, { params: { sellerId: SELLER, sku: 'BAD-3' }, query: { marketplaceIds: US }, body: { attributes: {} } })).status).toBe(400);
  });

  it('patches price, quantity and handling time (replace and merge) and deletes listings', async () => {
    const patch = await h.call<Submission>(patchItem, {
      params: { sellerId: SELLER, sku: 'SKU-0000002' },
      query: { marketplaceIds: US },
      body: {
        productType: 'PRODUCT',
        patches: [
          {
            op: 'replace',
            path: '/attributes/purchasable_offer',
            value: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 33.3 }] }] }],
          },
          {
            op: 'merge',
            path: '/attributes/fulfillment_availability',
            value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 11, lead_time_to_ship_max_days: 4 }],
          },
        ],
      },
    });
    expect(patch.json.status).toBe('ACCEPTED');
    const state = await h.admin<{ priceMinor: number; quantity: number; handlingDays: number }>('GET', `/sellers/${SELLER}/listings/SKU-0000002`);
    expect(state.json).toMatchObject({ priceMinor: 3330, quantity: 11, handlingDays: 4 });
    const nested = await h.call<Submission>(patchItem, {
      params: { sellerId: SELLER, sku: 'SKU-0000002' },
      query: { marketplaceIds: US },
      body: { productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/purchasable_offer/0/currency', value: [{}] }] },
    });
    expect(nested.json.status).toBe('INVALID');
    const badQty = await h.call<Submission>(patchItem, {
      params: { sellerId: SELLER, sku: 'SKU-0000002' },
      query: { marketplaceIds: US },
      body: {
        productType: 'PRODUCT',
        patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: -1 }] }],
      },
    });
    expect(badQty.json.status).toBe('INVALID');
    // A replace without lead_time_to_ship_max_days resets the handling time to the account default; merge keeps it.
    await h.call<Submission>(patchItem, {
      params: { sellerId: SELLER, sku: 'SKU-0000002' },
      query: { marketplaceIds: US },
      body: {
        productType: 'PRODUCT',
        patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }] }],
      },
    });
    expect((await h.admin('GET', `/sellers/${SELLER}/listings/SKU-0000002`)).json).toMatchObject({ quantity: 5, handlingDays: 4 });
    await h.call<Submission>(patchItem, {
      params: { sellerId: SELLER, sku: 'SKU-0000002' },
      query: { marketplaceIds: US },
      body: {
        productType: 'PRODUCT',
        patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 6 }] }],
      },
    });
    expect((await h.admin('GET', `/sellers/${SELLER}/listings/SKU-0000002`)).json).toMatchObject({ quantity: 6, handlingDays: 2 });
    // A patch of a SKU the seller does not have: ACCEPTED, and nothing appears (after the patch bucket refills on the sandbox clock).
    await h.advance(5);
    const unknown = await h.call<Submission>(patchItem, {
      params: { sellerId: SELLER, sku: 'NO-SUCH-SKU' },
      query: { marketplaceIds: US },
      body: {
        productType: 'PRODUCT',
        patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }] }],
      },
    });
    expect([unknown.status, unknown.json]).toEqual([200, expect.objectContaining({ status: 'ACCEPTED' })]);
    expect((await h.call(getItem, { params: { sellerId: SELLER, sku: 'NO-SUCH-SKU' }, query: { marketplaceIds: US } })).status).toBe(404);
    expect((await h.call<Submission>(deleteItem, { params: { sellerId: SELLER, sku: 'SKU-0000002' }, query: { marketplaceIds: US } })).json.status).toBe(
      'ACCEPTED',
    );
    expect((await h.call(getItem, { params: { sellerId: SELLER, sku: 'SKU-0000002' }, query: { marketplaceIds: US } })).status).toBe(404);
    const again = await h.call(deleteItem, { params: { sellerId: SELLER, sku: 'SKU-0000002' }, query: { marketplaceIds: US } });
    expect(again.status).toBe(400);
  });

  it('searches listings by SKU and ASIN identifiers and pages through all of them', async () => {
    const bySku = await h.call<{ numberOfResults: number; items: Item[] }>(searchItems, {
      params: { sellerId: SELLER },
      query: { marketplaceIds: US, identifiersType: 'SKU', identifiers: 'SKU-0000003,SKU-0000004,UNKNOWN' },
    });
    expect(bySku.json.items.map((i) => i.sku).sort()).toEqual(['SKU-0000003', 'SKU-0000004']);
    await h.advance(10);
    const seen = new Set<string>();
    let token: string | undefined;
    let total = 0;
    do {
      await h.advance(1);
      const page: { json: { numberOfResults: number; items: Item[]; pagination?: { nextToken?: string } } } = await h.call(searchItems, {
        params: { sellerId: SELLER },
        query: { marketplaceIds: US, pageSize: 20, pageToken: token },
      });
      total = page.json.numberOfResults;
      for (const i of page.json.items) seen.add(i.sku);
      token = page.json.pagination?.nextToken;
    } while (token);
    expect(seen.size).toBe(total);
    expect((await h.call(searchItems, { params: { sellerId: SELLER }, query: { marketplaceIds: 'invalid' } })).status).toBe(400);
  });

  it('finds catalog items by ASIN, UPC, EAN and GTIN (normalised to one product) and by ISBN', async () => {
    const facts = catalogFacts(42);
    for (const [type, id] of [
      ['UPC', facts.upc],
      ['EAN', facts.ean],
      ['GTIN', facts.gtin],
      ['ASIN', facts.asin],
    ] as const) {
      await h.advance(1);
      const res = await h.call<{ numberOfResults: number; items: Array<{ asin: string; identifiers?: unknown; summaries?: Array<{ brand: string }> }> }>(
        searchCatalog,
        {
          query: { identifiersType: type, identifiers: id, marketplaceIds: US, includedData: 'summaries,identifiers,productTypes,images' },
        },
      );
      expect([type, res.json.items.map((i) => i.asin)]).toEqual([type, [facts.asin]]);
    }
    let bookIndex = 1;
    while (!catalogFacts(bookIndex).isbn) bookIndex++;
    await h.advance(1);
    const book = await h.call<{ items: Array<{ asin: string }> }>(searchCatalog, {
      query: { identifiersType: 'ISBN', identifiers: catalogFacts(bookIndex).isbn as string, marketplaceIds: US },
    });
    expect(book.json.items[0]?.asin).toBe(asinOf(bookIndex));
    await h.advance(1);
    expect((await h.call(searchCatalog, { query: { identifiersType: 'UPC', identifiers: '123', marketplaceIds: `${US},A2EUQ1WTGCTBG2` } })).status).toBe(400);
    await h.advance(1);
    const one = await h.call<{ asin: string; summaries: Array<{ itemName: string }> }>(getCatalogItem, {
      params: { asin: facts.asin },
      query: { marketplaceIds: US },
    });
    expect(one.json.summaries[0]?.itemName).toBe(facts.title);
    await h.advance(1);
    expect((await h.call(getCatalogItem, { params: { asin: 'B07N4M94X4' }, query: { marketplaceIds: US } })).status).toBe(404);
  });

  it('serves product type definitions with a downloadable schema link', async () => {
    const search = await h.call<{ productTypes: Array<{ name: string }> }>(searchTypes, { query: { marketplaceIds: US, keywords: 'suitcase' } });
    expect(search.json.productTypes.map((p) => p.name)).toEqual(['LUGGAGE']);
    const def = await h.call<{ productType: string; schema: { link: { resource: string } } }>(getType, {
      params: { productType: 'LUGGAGE' },
      query: { marketplaceIds: US, requirements: 'LISTING_OFFER_ONLY' },
    });
    expect(def.json.productType).toBe('LUGGAGE');
    const schema = (await (await fetch(def.json.schema.link.resource)).json()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['purchasable_offer', 'fulfillment_availability', 'capacity']));
    expect((await h.call(getType, { params: { productType: 'INVALID' }, query: { marketplaceIds: US } })).status).toBe(404);
  });

  it('issues restricted data tokens that open only the listed resources', async () => {
    const rdt = await h.call<{ restrictedDataToken: string; expiresIn: number }>(createRdt, {
      body: { restrictedResources: [{ method: 'GET', path: '/orders/2026-01-01/orders/{orderId}' }] },
    });
    expect(rdt.json.restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
    const orders = await h.call<{ orders: Array<{ orderId: string }> }>(op('searchOrders'), { query: { createdAfter: '2020-01-01T00:00:00Z' } });
    const orderId = orders.json.orders[0]?.orderId as string;
    expect((await h.call(op('getOrder', 'Orders 2026-01-01'), { params: { orderId }, token: rdt.json.restrictedDataToken })).status).toBe(200);
    expect((await h.call(op('getMarketplaceParticipations'), { token: rdt.json.restrictedDataToken })).status).toBe(403);
    expect((await h.call(createRdt, { body: { restrictedResources: [{ method: '', path: '/orders/v1/orders/1/address' }] } })).status).toBe(400);
  });
});
