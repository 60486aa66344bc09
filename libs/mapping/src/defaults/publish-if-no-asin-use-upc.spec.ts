import { compileTemplateFor } from '../engine/compile-template';
import { defaultTemplate } from './default-templates';

/** Seed behaviour: Product ID is the ASIN; "If no ASIN use UPC" switches to the UPC and its type. */
const t = defaultTemplate('publish');
const publish = compileTemplateFor('publish', { ...t, fields: { ...t.fields, fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } } });
const listing = { sku: 'FLX12345', title: 'Blue Widget', price: 29.99, quantity: 5, fulfillmentChannel: 'DEFAULT' };

describe('publish default template: If no ASIN use UPC', () => {
  it('uses the ASIN when the listing has one (even if it also has a UPC)', () => {
    const r = publish.evaluate({ ...listing, asin: 'B07X4K9Y9Z', upc: '123456789012' });
    expect(r.value).toMatchObject({ product_id: 'B07X4K9Y9Z', product_id_type: 'ASIN' });
    expect(r.errors).toEqual([]);
  });

  it('uses the UPC when the ASIN is missing', () => {
    const r = publish.evaluate({ ...listing, upc: '123456789012' });
    expect(r.value).toMatchObject({ product_id: '123456789012', product_id_type: 'UPC' });
    expect(r.errors).toEqual([]);
  });

  it('treats a blank ASIN as missing', () => {
    const r = publish.evaluate({ ...listing, asin: '  ', upc: '123456789012' });
    expect(r.value).toMatchObject({ product_id: '123456789012', product_id_type: 'UPC' });
  });

  it('explains which rule chose the identifier', () => {
    const fields = publish.explain({ ...listing, upc: '123456789012' }).fields;
    expect(fields.find((f) => f.key === 'product_id')).toMatchObject({
      source: 'rules',
      branch: 'rule',
      rule: { index: 0, name: 'If no ASIN use UPC' },
      action: 'field',
      inputPath: 'upc',
      outcome: 'mapped',
      value: '123456789012',
    });
  });
});
