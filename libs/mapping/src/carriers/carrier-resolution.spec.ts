import { compileTemplateFor } from '../engine/compile-template';
import { defaultTemplate } from '../defaults/default-templates';
import { resolveCarrier } from './carrier-resolution';

// A few of Amazon's codes (the full list lives in libs/sp-api, which this library does not import).
const CODES = ['USPS', 'UPS', 'FedEx', 'DHL', 'GLS', 'Other'];
const on = { autoDetect: true };
const off = { autoDetect: false };
const template = compileTemplateFor('sync-orders', defaultTemplate('sync-orders'));
/** The default template's output for a shipment, as fulfillment hands it to resolveCarrier. */
const mapped = (carrier: string | null, trackingNumber: string, shippingMethod: string | null) => {
  const v = template.evaluate({ carrier: carrier ?? undefined, trackingNumber, shippingMethod: shippingMethod ?? undefined }).value;
  return { carrier: (v.carrier as string | undefined) ?? null, trackingNumber, shippingMethod: (v.shipping_method as string | undefined) ?? null };
};

describe('carrier resolution', () => {
  it('auto-detect on overrides the mapped carrier and method', () => {
    expect(resolveCarrier(mapped('GOSO', '1Z999AA10323456784', 'GOLDEN STATE OVERNIGHT'), on, CODES)).toMatchObject({
      ok: true,
      carrierCode: 'UPS',
      carrierName: null,
      shippingMethod: 'Ground',
      detectedBy: 'UPS 18 characters 1Z, service 03',
    });
  });

  it('auto-detect off posts the mapping: GOSO → GLS US (not listed → Other + name), GOLDEN STATE OVERNIGHT → Other', () => {
    expect(resolveCarrier(mapped('GOSO', '1Z999AA10323456784', 'GOLDEN STATE OVERNIGHT'), off, CODES)).toMatchObject({
      ok: true,
      carrierCode: 'Other',
      carrierName: 'GLS US',
      shippingMethod: 'Other',
      detectedBy: null,
    });
  });

  it('auto-detect on keeps the mapping when the tracking number matches no pattern', () => {
    expect(resolveCarrier(mapped('goso', 'GLS-778899', null), on, CODES)).toMatchObject({ carrierCode: 'Other', carrierName: 'GLS US', detectedBy: null });
  });

  it("FedEx keeps the given method only when the given carrier was FedEx (the table's rule)", () => {
    expect(resolveCarrier(mapped('FedEx', '986578788855', 'FedEx Home Delivery'), on, CODES)).toMatchObject({
      carrierCode: 'FedEx',
      shippingMethod: 'FedEx Home Delivery',
      checkDigit: 'valid',
    });
    expect(resolveCarrier(mapped('UPS', '986578788855', 'Ground'), on, CODES)).toMatchObject({ carrierCode: 'FedEx', shippingMethod: null });
  });

  it('USPS 22 characters with no known prefix: USPS and no method', () => {
    expect(resolveCarrier(mapped('UPS', 'ZZ12345678901234567890', 'Ground'), on, CODES)).toMatchObject({ carrierCode: 'USPS', shippingMethod: null });
  });

  it("matches Amazon's list case-insensitively and posts Amazon's spelling", () => {
    expect(resolveCarrier(mapped('fedex', 'X-1', null), off, CODES)).toMatchObject({ carrierCode: 'FedEx', carrierName: null });
    expect(resolveCarrier(mapped('Correos', 'X-1', null), off, CODES)).toMatchObject({ carrierCode: 'Other', carrierName: 'Correos' });
  });

  it('flags a failed check digit on the package', () => {
    expect(resolveCarrier(mapped(null, '1Z999AA10123456785', null), on, CODES)).toMatchObject({ carrierCode: 'UPS', checkDigit: 'invalid' });
    expect(resolveCarrier(mapped(null, '1Z999AA10123456784', null), on, CODES)).toMatchObject({ carrierCode: 'UPS', checkDigit: 'valid' });
  });

  it('no carrier and nothing detected is an error, not a guess', () => {
    expect(resolveCarrier(mapped(null, 'ABC-1', null), on, CODES)).toMatchObject({ ok: false, code: 'CARRIER_MISSING' });
    expect(resolveCarrier(mapped(null, '1Z999AA10323456784', null), off, CODES)).toMatchObject({ ok: false, code: 'CARRIER_MISSING' });
  });
});
