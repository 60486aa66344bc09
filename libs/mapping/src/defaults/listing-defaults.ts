import type { FieldMapping, MappingRule, MappingTemplate } from '../template/template.types';

/** Amazon keeps FBA stock itself, so the default templates leave quantity unmapped for AMAZON_* channels. */
const FBA_QUANTITY: FieldMapping = {
  kind: 'rules',
  rules: [{ name: 'FBA: Amazon counts the stock', when: { op: 'starts_with', path: 'fulfillmentChannel', value: 'AMAZON_' }, then: { kind: 'dont-map' } }],
  else: { kind: 'field', path: 'quantity' },
};

/**
 * Handling time goes out only when the listing has one, or when the channel is not DEFAULT:
 * Amazon's schema then requires a value, so 1 day is sent when the listing has none.
 */
const HANDLING_TIME_RULES: readonly MappingRule[] = [
  { name: 'Handling time set on the listing', when: { op: 'is_not_empty', path: 'handlingTime' }, then: { kind: 'field', path: 'handlingTime' } },
  {
    name: 'Channel is not DEFAULT: Amazon requires a handling time',
    when: {
      op: 'all',
      conditions: [
        { op: 'is_not_empty', path: 'fulfillmentChannel' },
        { op: 'not_equals', path: 'fulfillmentChannel', value: 'DEFAULT' },
      ],
    },
    then: { kind: 'value', value: 1 },
  },
];

const HANDLING_TIME: FieldMapping = { kind: 'rules', rules: HANDLING_TIME_RULES, else: { kind: 'dont-map' } };

/**
 * Default publish template. Reads {@link DefaultListingSource}.
 *
 * - Product ID: the ASIN, or the UPC when there is no ASIN ("If no ASIN use UPC"), with the
 *   matching Product ID Type.
 * - Item Condition: "New" when the listing has none, else the platform label looked up in the
 *   `item-conditions` mapping set.
 * - Fulfillment Center ID is deliberately left unmapped: the seller must choose DEFAULT (FBM) or
 *   an AMAZON_* code (FBA), and until then every record reports MISSING_REQUIRED_MAPPING.
 */
export const DEFAULT_PUBLISH_TEMPLATE: MappingTemplate = {
  schemaVersion: 1,
  operation: 'publish',
  name: 'Default publish template',
  mappingSets: {
    'item-conditions': {
      description: 'Platform condition labels to Amazon condition types',
      ignoreCase: true,
      entries: [
        { from: 'New', to: 'new_new' },
        { from: 'New - Open Box', to: 'new_open_box' },
        { from: 'New - OEM', to: 'new_oem' },
        { from: 'Refurbished', to: 'refurbished_refurbished' },
        { from: 'Used - Like New', to: 'used_like_new' },
        { from: 'Used - Very Good', to: 'used_very_good' },
        { from: 'Used - Good', to: 'used_good' },
        { from: 'Used - Acceptable', to: 'used_acceptable' },
        { from: 'Collectible - Like New', to: 'collectible_like_new' },
        { from: 'Collectible - Very Good', to: 'collectible_very_good' },
        { from: 'Collectible - Good', to: 'collectible_good' },
        { from: 'Collectible - Acceptable', to: 'collectible_acceptable' },
        { from: 'Club', to: 'club_club' },
      ],
    },
  },
  fields: {
    sku: { kind: 'field', path: 'sku' },
    title: { kind: 'field', path: 'title' },
    description: { kind: 'field', path: 'description' },
    product_id: {
      kind: 'rules',
      rules: [{ name: 'If no ASIN use UPC', when: { op: 'is_empty', path: 'asin' }, then: { kind: 'field', path: 'upc' } }],
      else: { kind: 'field', path: 'asin' },
    },
    product_id_type: {
      kind: 'rules',
      rules: [{ name: 'If no ASIN use UPC', when: { op: 'is_empty', path: 'asin' }, then: { kind: 'option', option: 'UPC' } }],
      else: { kind: 'option', option: 'ASIN' },
    },
    price: { kind: 'field', path: 'price' },
    quantity: FBA_QUANTITY,
    handling_time: HANDLING_TIME,
    item_condition: {
      kind: 'rules',
      rules: [{ name: 'No condition means New', when: { op: 'is_empty', path: 'condition' }, then: { kind: 'option', option: 'new_new' } }],
      else: { kind: 'mapping-set', set: 'item-conditions', path: 'condition' },
    },
    condition_note: { kind: 'field', path: 'conditionNote' },
  },
};

/**
 * Default sync template (price, quantity, handling time). Reads {@link DefaultListingSource}.
 * Quantity is left unmapped for FBA channels; handling time follows the same rule as publish;
 * the fulfillment channel falls back to DEFAULT when the listing has none.
 */
export const DEFAULT_SYNC_TEMPLATE: MappingTemplate = {
  schemaVersion: 1,
  operation: 'sync',
  name: 'Default sync template',
  fields: {
    price: { kind: 'field', path: 'price' },
    quantity: FBA_QUANTITY,
    handling_time: HANDLING_TIME,
    fulfillment_channel: { kind: 'field', path: 'fulfillmentChannel' },
  },
};
