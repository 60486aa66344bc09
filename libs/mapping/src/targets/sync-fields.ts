import { FULFILLMENT_CHANNEL_CODES } from './publish-fields';
import { defineFields } from './define-fields';

/** Target fields of the sync operation (price, quantity, handling time), named `amazon.price_quantity.*`. */
export const SYNC_FIELDS = defineFields([
  {
    key: 'price',
    name: 'amazon.price_quantity.price',
    label: 'Price',
    description: 'Selling price in the marketplace currency (major unit). Leave unmapped when a repricer owns prices.',
    type: 'decimal',
    required: false,
    scope: 'record',
    sources: ['dont-map', 'set-empty', 'field', 'value', 'rules'],
    min: 0,
  },
  {
    key: 'quantity',
    name: 'amazon.price_quantity.quantity',
    label: 'Quantity',
    description: 'Available quantity. Map it (or 0) for FBM; leave it unmapped for FBA.',
    type: 'integer',
    required: false,
    scope: 'record',
    sources: ['dont-map', 'field', 'value', 'rules'],
    min: 0,
  },
  {
    key: 'handling_time',
    name: 'amazon.price_quantity.handling_time',
    label: 'Handling Time',
    description: 'Days to ship (lead_time_to_ship_max_days). Sent only when mapped, or when the channel is not DEFAULT.',
    type: 'integer',
    required: false,
    scope: 'record',
    sources: ['dont-map', 'set-empty', 'field', 'value', 'rules'],
    min: 0,
    // Amazon's documented maximum for merchant handling time is 30 days (not confirmed per product type).
    max: 30,
  },
  {
    key: 'fulfillment_channel',
    name: 'amazon.price_quantity.fulfillment_channel',
    label: 'Fulfillment Channel',
    description: 'DEFAULT for FBM, an AMAZON_* code for FBA. When mapped but empty, DEFAULT is used.',
    type: 'string',
    required: false,
    scope: 'record',
    sources: ['dont-map', 'field', 'value', 'option', 'mapping-set', 'rules'],
    allowedValues: FULFILLMENT_CHANNEL_CODES,
    default: 'DEFAULT',
  },
]);
