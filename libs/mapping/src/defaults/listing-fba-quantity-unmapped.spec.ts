import { compileTemplateFor } from '../engine/compile-template';
import { defaultTemplate } from './default-templates';

/** Seed behaviour: for FBA, quantity is left unmapped; for FBM it is mapped (0 included). */
const p = defaultTemplate('publish');
const publish = compileTemplateFor('publish', { ...p, fields: { ...p.fields, fulfillment_center_id: { kind: 'field', path: 'fulfillmentChannel' } } });
const sync = compileTemplateFor('sync', defaultTemplate('sync'));
const listing = { sku: 'S1', asin: 'B07X4K9Y9Z', price: 9.5 };

describe('FBA quantity is left unmapped', () => {
  it.each(['AMAZON_NA', 'AMAZON_EU', 'AMAZON_JP'])('sync leaves quantity out for %s', (channel) => {
    const r = sync.evaluate({ ...listing, quantity: 25, fulfillmentChannel: channel });
    expect('quantity' in r.value).toBe(false);
    expect(r.value.fulfillment_channel).toBe(channel);
    expect(r.warnings).toEqual([]);
  });

  it('sync sends quantity (including 0) for FBM', () => {
    expect(sync.evaluate({ ...listing, quantity: 0, fulfillmentChannel: 'DEFAULT' }).value.quantity).toBe(0);
    expect(sync.evaluate({ ...listing, quantity: '7' }).value).toEqual({ price: 9.5, quantity: 7, fulfillment_channel: 'DEFAULT' });
  });

  it('publish leaves quantity out for FBA and sends it for FBM', () => {
    expect('quantity' in publish.evaluate({ ...listing, quantity: 3, fulfillmentChannel: 'AMAZON_NA' }).value).toBe(false);
    expect(publish.evaluate({ ...listing, quantity: 3, fulfillmentChannel: 'DEFAULT' }).value.quantity).toBe(3);
  });

  it('a custom template that maps quantity for FBA gets it dropped with a warning', () => {
    const custom = compileTemplateFor('sync', {
      schemaVersion: 1,
      operation: 'sync',
      fields: { quantity: { kind: 'field', path: 'quantity' }, fulfillment_channel: { kind: 'value', value: 'AMAZON_EU' } },
    });
    const r = custom.evaluate({ quantity: 4 });
    expect(r.value).toEqual({ fulfillment_channel: 'AMAZON_EU' });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'QUANTITY_IGNORED_FOR_FBA', field: 'amazon.price_quantity.quantity' })]);
  });
});
