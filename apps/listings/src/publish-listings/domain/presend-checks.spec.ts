import { compileTemplateFor, defaultTemplate, type FieldMapping } from '@amazon-channel/mapping';
import { presendCheck } from './presend-checks';
import { publishSourceRecord, type PublishCandidate } from './publish-source';

const t = defaultTemplate('publish');
const withFields = (fields: Record<string, FieldMapping>) => compileTemplateFor('publish', { ...t, fields: { ...t.fields, ...fields } });
const fbm = withFields({ fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } });

const candidate = (over: Partial<PublishCandidate> = {}, product: Partial<NonNullable<PublishCandidate['product']>> = {}): PublishCandidate => ({
  sku: 'SKU-1',
  price: { amountMinor: 2999, currency: 'USD' },
  quantity: 5,
  handlingTimeDays: 2,
  fulfillmentChannel: 'DEFAULT',
  ...over,
  product: {
    title: 'Desk Lamp',
    brand: 'Northwind',
    identifiers: { asin: 'B07X4K9Y9Z', upc: null, ean: null, isbn: null, gtin: null },
    condition: 'New',
    conditionNote: null,
    fulfillmentCenterId: null,
    ...product,
  },
});
const check = (c: PublishCandidate, template = fbm) => presendCheck(template.evaluate(publishSourceRecord(c)), 'USD');

describe('publish: checks before sending', () => {
  it('passes a complete offer with its price in minor units', () => {
    const r = check(candidate());
    expect(r).toMatchObject({
      ok: true,
      warnings: [],
      draft: {
        sku: 'SKU-1',
        productId: { type: 'ASIN', value: 'B07X4K9Y9Z' },
        priceMinor: 2999,
        quantity: 5,
        handlingTimeDays: 2,
        condition: 'new_new',
        fulfillmentChannel: 'DEFAULT',
      },
    });
  });

  it('missing mapping: names the template field and the fix (default template, fulfillment center unmapped)', () => {
    const r = check(candidate(), compileTemplateFor('publish', t));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toEqual([
      expect.objectContaining({
        code: 'MISSING_MAPPING',
        field: 'amazon.inventory_product.fulfillment_center_id',
        message: 'Missing required mapping for amazon.inventory_product.fulfillment_center_id in mapping template',
        fix: expect.stringContaining('AMAZON_'),
      }),
    ]);
  });

  it('product id type without id: refused before any call', () => {
    const r = check(candidate({}, { identifiers: { asin: null, upc: null, ean: null, isbn: null, gtin: null } }));
    expect(r.ok ? [] : r.errors).toEqual([
      expect.objectContaining({
        code: 'PRODUCT_ID_REQUIRED_FOR_TYPE',
        field: 'amazon.inventory_product.product_id',
        message: 'The product ID is required when the Product ID Type is provided',
      }),
    ]);
  });

  it('condition note on New: dropped with a warning, the offer still goes', () => {
    const r = check(candidate({}, { conditionNote: 'Small scuff on the box' }));
    expect(r.ok).toBe(true);
    expect(r.ok && r.draft.conditionNote).toBeNull();
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'CONDITION_NOTE_DROPPED', field: 'amazon.inventory_product.condition_note' })]);
  });

  it('keeps the condition note of a used item', () => {
    const r = check(candidate({}, { condition: 'Used - Good', conditionNote: 'Scuffed corner' }));
    expect(r).toMatchObject({ ok: true, warnings: [], draft: { condition: 'used_good', conditionNote: 'Scuffed corner' } });
  });

  it('drops a note on any New condition even when a custom template keeps it', () => {
    const custom = withFields({ fulfillment_center_id: { kind: 'option', option: 'DEFAULT' }, item_condition: { kind: 'value', value: 'new_open_box' } });
    const r = check(candidate({}, { conditionNote: 'Opened once' }), custom);
    expect(r).toMatchObject({ ok: true, draft: { condition: 'new_open_box', conditionNote: null } });
    expect(r.warnings.map((w) => w.code)).toEqual(['CONDITION_NOTE_DROPPED']);
  });

  it('if no ASIN use UPC: the UPC is checked and becomes the identifier', () => {
    const r = check(candidate({}, { identifiers: { asin: null, upc: '036000291452', ean: null, isbn: null, gtin: null } }));
    expect(r).toMatchObject({ ok: true, draft: { productId: { type: 'UPC', value: '036000291452', search: { type: 'UPC', value: '036000291452' } } } });
  });

  it.each([
    ['a UPC with a bad check digit', null, '036000291453', 'INVALID_PRODUCT_ID', 'wrong check digit'],
    ['an ASIN of the wrong shape', 'B07X', null, 'INVALID_PRODUCT_ID', 'not a valid ASIN'],
    ['a lower-case ASIN', 'b07x4k9y9z', null, 'INVALID_PRODUCT_ID', 'upper-case'],
  ])('refuses %s', (_label, asin, upc, code, message) => {
    const r = check(candidate({}, { identifiers: { asin, upc, ean: null, isbn: null, gtin: null } }));
    expect(r.ok ? [] : r.errors).toEqual([expect.objectContaining({ code, message: expect.stringContaining(message) })]);
  });

  it('tells an ISBN-10 from an ISBN-13 when a template maps ISBNs', () => {
    const isbn = withFields({
      fulfillment_center_id: { kind: 'option', option: 'DEFAULT' },
      product_id: { kind: 'field', path: 'isbn' },
      product_id_type: { kind: 'option', option: 'ISBN' },
    });
    expect(check(candidate({}, { identifiers: { asin: null, upc: null, ean: null, gtin: null, isbn: '0306406152' } }), isbn)).toMatchObject({
      ok: true,
      draft: { productId: { isbnForm: 'ISBN-10', search: { value: '9780306406157' } } },
    });
    const bad = check(candidate({}, { identifiers: { asin: null, upc: null, ean: null, gtin: null, isbn: '9780306406158' } }), isbn);
    expect(bad.ok ? [] : bad.errors.map((e) => e.code)).toEqual(['INVALID_PRODUCT_ID']);
  });

  it.each([
    ['missing', null, 'Price is required when publishing'],
    ['zero', { amountMinor: 0, currency: 'USD' }, 'Amazon needs a price above 0'],
  ])('refuses a %s price', (_label, price, message) => {
    const r = check(candidate({ price }));
    expect(r.ok ? [] : r.errors).toEqual([
      expect.objectContaining({ code: 'PRICE_REQUIRED', field: 'amazon.inventory_product.price', message: expect.stringContaining(message) }),
    ]);
  });

  it('refuses a condition Amazon does not know', () => {
    const r = check(candidate({}, { condition: 'Like new-ish' }));
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['UNKNOWN_CONDITION']);
  });

  it('reports every problem of a SKU at once', () => {
    const r = check(candidate({ price: null }, { condition: 'Mint', identifiers: { asin: 'B07X', upc: null, ean: null, isbn: null, gtin: null } }));
    expect(r.ok ? [] : r.errors.map((e) => e.code).sort()).toEqual(['INVALID_PRODUCT_ID', 'PRICE_REQUIRED', 'UNKNOWN_CONDITION']);
  });

  it('FBA: quantity is never sent', () => {
    const fba = withFields({ fulfillment_center_id: { kind: 'value', value: 'AMAZON_NA' } });
    const r = check(candidate({ fulfillmentChannel: 'FBA' }, { fulfillmentCenterId: 'AMAZON_NA' }), fba);
    expect(r).toMatchObject({ ok: true, draft: { fulfillmentChannel: 'AMAZON_NA', quantity: null } });
  });
});
