import { ANY_SOURCE, ANY_SOURCE_WITH_OPTION, defineFields } from './define-fields';

/** Product identifier types a publish can name (Amazon's catalog identifier kinds we link by). */
export const PRODUCT_ID_TYPES = ['ASIN', 'ISBN', 'UPC', 'EAN', 'GTIN'] as const;

/**
 * Amazon fulfillment channel codes. `DEFAULT` is merchant-fulfilled; `AMAZON_*` hand the offer to
 * FBA in that region. The seeds name DEFAULT, AMAZON_NA, AMAZON_EU and AMAZON_JP; AMAZON_FE and
 * AMAZON_IN are further regional codes seen in Amazon's listing schemas (not confirmed against a
 * product type definition here, which lists the codes per marketplace).
 */
export const FULFILLMENT_CHANNEL_CODES = ['DEFAULT', 'AMAZON_NA', 'AMAZON_EU', 'AMAZON_JP', 'AMAZON_FE', 'AMAZON_IN'] as const;

/** Amazon listing condition types (the `condition_type` enum of the Listings APIs). */
export const CONDITION_TYPES = [
  'new_new',
  'new_open_box',
  'new_oem',
  'refurbished_refurbished',
  'used_like_new',
  'used_very_good',
  'used_good',
  'used_acceptable',
  'collectible_like_new',
  'collectible_very_good',
  'collectible_good',
  'collectible_acceptable',
  'club_club',
] as const;

/**
 * Target fields of the publish operation (offer on an existing Amazon product), named
 * `amazon.inventory_product.*` in messages.
 */
export const PUBLISH_FIELDS = defineFields([
  {
    key: 'sku',
    name: 'amazon.inventory_product.sku',
    label: 'SKU',
    description: 'Seller SKU that identifies the offer on Amazon; it must match the platform listing to link them.',
    type: 'string',
    required: true,
    scope: 'record',
    sources: ANY_SOURCE,
    // Amazon's seller SKU limit is 40 characters.
    maxLength: 40,
  },
  {
    key: 'title',
    name: 'amazon.inventory_product.title',
    label: 'Title',
    description: 'Product name. For offers on an existing ASIN Amazon keeps its catalog title; sent for previews and overwrites.',
    type: 'string',
    required: false,
    scope: 'record',
    sources: ['field', 'value', 'mapping-set', 'rules'],
    maxLength: 500,
  },
  {
    key: 'description',
    name: 'amazon.inventory_product.description',
    label: 'Description',
    description: 'Product description, used when overwriting listing details.',
    type: 'string',
    required: false,
    scope: 'record',
    sources: ANY_SOURCE,
    maxLength: 4_000,
  },
  {
    key: 'product_id',
    name: 'amazon.inventory_product.product_id',
    label: 'Product ID',
    description: 'Identifier of the existing Amazon product to offer on. ASIN is the most accurate; UPC/EAN/GTIN/ISBN work when unique.',
    type: 'string',
    required: false,
    scope: 'record',
    sources: ['dont-map', 'set-empty', 'field', 'value', 'rules'],
    maxLength: 40,
  },
  {
    key: 'product_id_type',
    name: 'amazon.inventory_product.product_id_type',
    label: 'Product ID Type',
    description: 'Kind of identifier in Product ID.',
    type: 'string',
    required: false,
    scope: 'record',
    sources: ANY_SOURCE_WITH_OPTION,
    allowedValues: PRODUCT_ID_TYPES,
  },
  {
    key: 'price',
    name: 'amazon.inventory_product.price',
    label: 'Price',
    description: 'Selling price in the marketplace currency (major unit). Amazon requires a price to create an offer.',
    type: 'decimal',
    required: true,
    scope: 'record',
    sources: ['field', 'value', 'mapping-set', 'rules'],
    min: 0,
  },
  {
    key: 'quantity',
    name: 'amazon.inventory_product.quantity',
    label: 'Quantity',
    description: 'Available quantity for merchant-fulfilled offers. Leave unmapped for FBA: Amazon counts FBA stock itself.',
    type: 'integer',
    required: false,
    scope: 'record',
    sources: ['dont-map', 'field', 'value', 'rules'],
    min: 0,
  },
  {
    key: 'handling_time',
    name: 'amazon.inventory_product.handling_time',
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
    key: 'item_condition',
    name: 'amazon.inventory_product.item_condition',
    label: 'Item Condition',
    description: 'Amazon condition type of the offer (new_new for New, used_like_new for Used - Like New, ...).',
    type: 'string',
    required: true,
    scope: 'record',
    sources: ANY_SOURCE_WITH_OPTION,
    allowedValues: CONDITION_TYPES,
  },
  {
    key: 'condition_note',
    name: 'amazon.inventory_product.condition_note',
    label: 'Condition Note',
    description: 'Seller note about the item condition. Amazon ignores it for New items.',
    type: 'string',
    required: false,
    scope: 'record',
    sources: ANY_SOURCE,
    // Limit taken from Amazon's listing form; not confirmed against every product type schema.
    maxLength: 2_000,
  },
  {
    key: 'fulfillment_center_id',
    name: 'amazon.inventory_product.fulfillment_center_id',
    label: 'Fulfillment Center ID',
    description: 'DEFAULT for merchant-fulfilled (FBM) offers, an AMAZON_* code for FBA. Must be selected: default templates leave it blank.',
    type: 'string',
    required: true,
    scope: 'record',
    sources: ['dont-map', 'field', 'value', 'option', 'mapping-set', 'rules'],
    allowedValues: FULFILLMENT_CHANNEL_CODES,
  },
]);
