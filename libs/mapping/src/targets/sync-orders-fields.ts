import { ANY_SOURCE, defineFields } from './define-fields';

/**
 * Target fields of the sync-orders operation: platform shipment → Amazon shipment confirmation,
 * named `fulfillment_data.*` in messages.
 */
export const SYNC_ORDERS_FIELDS = defineFields([
  {
    key: 'carrier',
    name: 'fulfillment_data.carrier',
    label: 'Carrier',
    description: 'Carrier name posted to Amazon (e.g. UPS, USPS, FedEx, or a normalised vendor name).',
    type: 'string',
    required: true,
    scope: 'record',
    sources: ANY_SOURCE,
    maxLength: 100,
  },
  {
    key: 'tracking_number',
    name: 'fulfillment_data.tracking_number',
    label: 'Tracking Number',
    description: 'Shipper tracking number; it must match the carrier format.',
    type: 'string',
    required: true,
    scope: 'record',
    sources: ['field', 'value', 'rules'],
    maxLength: 100,
  },
  {
    key: 'shipping_method',
    name: 'fulfillment_data.shipping_method',
    label: 'Shipping Method',
    description: 'Carrier service (e.g. Ground, Priority Mail). Amazon rejects methods it does not know.',
    type: 'string',
    required: false,
    scope: 'record',
    sources: ANY_SOURCE,
    maxLength: 100,
  },
]);
