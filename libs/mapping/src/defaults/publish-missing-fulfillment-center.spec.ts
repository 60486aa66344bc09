import { compileTemplateFor, validateTemplate } from '../engine/compile-template';
import { DEFAULT_PUBLISH_TEMPLATE } from './listing-defaults';
import { defaultTemplate } from './default-templates';

/** Seed behaviour: the default publish template leaves Fulfillment Center ID blank; the seller must choose. */
describe('publish: missing fulfillment center mapping', () => {
  const listing = { sku: 'FLX12345', asin: 'B07X4K9Y9Z', price: 29.99, quantity: 5 };

  it('saves the default template with an advisory naming the field', () => {
    expect(validateTemplate(DEFAULT_PUBLISH_TEMPLATE).warnings.map((w) => w.code)).toEqual(['REQUIRED_FIELD_UNMAPPED']);
  });

  it('fails every record with the missing-mapping message until the field is mapped', () => {
    const r = compileTemplateFor('publish', DEFAULT_PUBLISH_TEMPLATE).evaluate(listing);
    expect(r.errors).toEqual([
      {
        code: 'MISSING_REQUIRED_MAPPING',
        severity: 'error',
        field: 'amazon.inventory_product.fulfillment_center_id',
        key: 'fulfillment_center_id',
        message: 'Missing required mapping for amazon.inventory_product.fulfillment_center_id in mapping template',
      },
    ]);
    expect('fulfillment_center_id' in r.value).toBe(false);
  });

  it.each([
    ['FBM (DEFAULT option)', { kind: 'option', option: 'DEFAULT' } as const, 'DEFAULT'],
    ['FBA (AMAZON_NA value)', { kind: 'value', value: 'AMAZON_NA' } as const, 'AMAZON_NA'],
  ])('maps cleanly once the seller chooses %s', (_label, mapping, expected) => {
    const t = defaultTemplate('publish');
    const r = compileTemplateFor('publish', { ...t, fields: { ...t.fields, fulfillment_center_id: mapping } }).evaluate(listing);
    expect(r.errors).toEqual([]);
    expect(r.value.fulfillment_center_id).toBe(expected);
  });
});
