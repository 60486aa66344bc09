import { compileTemplateFor } from '../engine/compile-template';
import { defaultTemplate } from './default-templates';

/** Seed error: a Product ID Type without a Product ID ("The product ID is required when the Product ID Type is provided"). */
const t = defaultTemplate('publish');
const publish = compileTemplateFor('publish', { ...t, fields: { ...t.fields, fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } } });
const listing = { sku: 'NOID-1', price: 10, quantity: 1 };

describe('publish: product ID required for its type', () => {
  it('reports the error when neither ASIN nor UPC is present', () => {
    const r = publish.evaluate(listing);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      {
        code: 'PRODUCT_ID_REQUIRED_FOR_TYPE',
        severity: 'error',
        field: 'amazon.inventory_product.product_id',
        key: 'product_id',
        message: 'The product ID is required when the Product ID Type is provided',
      },
    ]);
    expect(r.value).toMatchObject({ product_id_type: 'UPC' });
    expect('product_id' in r.value).toBe(false);
  });

  it('reports a product ID without a type', () => {
    const custom = compileTemplateFor('publish', {
      ...t,
      fields: { ...t.fields, product_id_type: { kind: 'dont-map' }, fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } },
    });
    expect(custom.evaluate({ ...listing, asin: 'B07X4K9Y9Z' }).errors).toEqual([
      expect.objectContaining({ code: 'PRODUCT_ID_TYPE_REQUIRED', key: 'product_id_type' }),
    ]);
  });

  it.each([
    ['UPC', '12345678901', 'is not a valid UPC: expected 12 digits'],
    ['ASIN', 'B07X', 'is not a valid ASIN'],
  ])('reports a %s with the wrong shape', (type, id, message) => {
    const custom = compileTemplateFor('publish', {
      ...t,
      fields: {
        ...t.fields,
        product_id: { kind: 'field', path: 'id' },
        product_id_type: { kind: 'value', value: type },
        fulfillment_center_id: { kind: 'option', option: 'DEFAULT' },
      },
    });
    const r = custom.evaluate({ ...listing, id });
    expect(r.errors).toEqual([expect.objectContaining({ code: 'PRODUCT_ID_INVALID_FOR_TYPE', message: expect.stringContaining(message) })]);
  });
});
