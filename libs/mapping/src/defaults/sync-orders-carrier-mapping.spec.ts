import { compileTemplateFor } from '../engine/compile-template';
import type { MappingTemplate } from '../template/template.types';
import { defaultTemplate } from './default-templates';

const syncOrders = compileTemplateFor('sync-orders', defaultTemplate('sync-orders'));

describe('sync-orders default template: carrier and method normalisation', () => {
  it.each([
    ['GOSO', 'GLS US'],
    ['goso', 'GLS US'],
    ['UPS', 'UPS'],
  ])('carrier %s is posted as %s', (carrier, expected) => {
    const r = syncOrders.evaluate({ carrier, trackingNumber: '1Z9999W99999999999' });
    expect(r.errors).toEqual([]);
    expect(r.value.carrier).toBe(expected);
  });

  it('normalises the long-form service label and keeps others', () => {
    expect(syncOrders.evaluate({ carrier: 'GOSO', trackingNumber: 'X1', shippingMethod: 'GOLDEN STATE OVERNIGHT' }).value.shipping_method).toBe('Other');
    expect(syncOrders.evaluate({ carrier: 'UPS', trackingNumber: 'X1', shippingMethod: 'Ground' }).value.shipping_method).toBe('Ground');
  });

  it('requires carrier and tracking number', () => {
    const r = syncOrders.evaluate({});
    expect(r.errors.map((e) => [e.code, e.field])).toEqual([
      ['REQUIRED_VALUE_MISSING', 'fulfillment_data.carrier'],
      ['REQUIRED_VALUE_MISSING', 'fulfillment_data.tracking_number'],
    ]);
  });
});

/**
 * Scenario: a seller who turned carrier auto-detection off writes tracking-number rules like
 * the ones sellers describe (length + prefix, regex alternatives). The engine must express them.
 */
const detect: MappingTemplate = {
  schemaVersion: 1,
  operation: 'sync-orders',
  fields: {
    tracking_number: { kind: 'field', path: 'trackingNumber' },
    carrier: {
      kind: 'rules',
      rules: [
        {
          name: 'USPS 22 digits',
          when: {
            op: 'all',
            conditions: [
              { op: 'length_is', path: 'trackingNumber', length: 22 },
              { op: 'matches', path: 'trackingNumber', pattern: '^9[2-5]' },
            ],
          },
          then: { kind: 'value', value: 'USPS' },
        },
        {
          name: 'UPS 1Z',
          when: {
            op: 'all',
            conditions: [
              { op: 'length_is', path: 'trackingNumber', length: 18 },
              { op: 'starts_with', path: 'trackingNumber', value: '1Z', ignoreCase: true },
            ],
          },
          then: { kind: 'value', value: 'UPS' },
        },
        {
          name: 'FedEx numeric',
          when: {
            op: 'any',
            conditions: ['^[0-9]{20}$', '^[0-9]{15}$', '^[0-9]{12}$'].map((pattern) => ({ op: 'matches', path: 'trackingNumber', pattern }) as const),
          },
          then: { kind: 'value', value: 'FedEx' },
        },
      ],
      else: { kind: 'field', path: 'carrier' },
    },
    shipping_method: {
      kind: 'rules',
      rules: [
        { name: 'UPS SurePost', when: { op: 'matches', path: 'trackingNumber', pattern: '^1Z.{6}YW' }, then: { kind: 'value', value: 'SurePost' } },
        { name: 'UPS Ground', when: { op: 'matches', path: 'trackingNumber', pattern: '^1Z.{6}03' }, then: { kind: 'value', value: 'Ground' } },
        { name: 'USPS without a known service', when: { op: 'length_is', path: 'trackingNumber', length: 22 }, then: { kind: 'value', value: '' } },
      ],
      else: { kind: 'field', path: 'method' },
    },
  },
};

describe('sync-orders scenario: tracking-number carrier rules', () => {
  const compiled = compileTemplateFor('sync-orders', detect);
  it.each([
    ['USPS by length and prefix; method left out', '9400111899223100000000', { carrier: 'USPS' }],
    ['UPS SurePost', '1Z999AAAYW99999999', { carrier: 'UPS', shipping_method: 'SurePost' }],
    ['UPS Ground', '1Z999AAA0399999999', { carrier: 'UPS', shipping_method: 'Ground' }],
    ['FedEx by one of three patterns', '123456789012', { carrier: 'FedEx', shipping_method: 'Vendor method' }],
    ['unknown pattern keeps the vendor carrier', 'ZZ-1', { carrier: 'Vendor', shipping_method: 'Vendor method' }],
  ])('%s (%s)', (_label, trackingNumber, expected) => {
    const r = compiled.evaluate({ trackingNumber, carrier: 'Vendor', method: 'Vendor method' });
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({ tracking_number: trackingNumber, ...expected });
  });
});
