/** One product type the sandbox defines (a handful of real names; schemas are the sandbox's own, much smaller than Amazon's). */
export interface ProductTypeSpec {
  name: string;
  displayName: string;
  keywords: string[];
  /** Attributes beyond the common offer ones that this type lists in its schema. */
  extraProperties: string[];
}

/** Product types served by Product Type Definitions and accepted by Listings Items. */
export const PRODUCT_TYPES: readonly ProductTypeSpec[] = [
  { name: 'PRODUCT', displayName: 'Product', keywords: ['product', 'generic', 'item'], extraProperties: [] },
  { name: 'SHIRT', displayName: 'Shirt', keywords: ['shirt', 't-shirt', 'tee', 'clothing'], extraProperties: ['size', 'color', 'department'] },
  { name: 'LUGGAGE', displayName: 'Luggage', keywords: ['luggage', 'suitcase', 'carry-on', 'bag'], extraProperties: ['color', 'capacity'] },
  { name: 'BOOK', displayName: 'Book', keywords: ['book', 'notebook', 'paper'], extraProperties: ['author', 'binding'] },
  { name: 'KITCHEN', displayName: 'Kitchen', keywords: ['kitchen', 'knife', 'cookware'], extraProperties: ['material', 'color'] },
];

/** Version string of the sandbox's product type definitions. */
export const PRODUCT_TYPE_VERSION = 'SANDBOX.2026-01-01';

const COMMON = [
  'item_name',
  'brand',
  'condition_type',
  'merchant_suggested_asin',
  'externally_assigned_product_identifier',
  'purchasable_offer',
  'fulfillment_availability',
  'list_price',
];

function arrayOf(properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> {
  return { type: 'array', minItems: 1, items: { type: 'object', required, properties, additionalProperties: true } };
}

/** The JSON Schema (draft 2019-09 style, like Amazon's) served at the definition's schema link. */
export function productTypeSchema(spec: ProductTypeSpec): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    item_name: arrayOf({ value: { type: 'string', maxLength: 200 }, language_tag: { type: 'string' }, marketplace_id: { type: 'string' } }, ['value']),
    brand: arrayOf({ value: { type: 'string' }, marketplace_id: { type: 'string' } }, ['value']),
    condition_type: arrayOf(
      { value: { enum: ['new_new', 'new_open_box', 'used_like_new', 'used_very_good', 'used_good', 'used_acceptable', 'refurbished_refurbished'] } },
      ['value'],
    ),
    merchant_suggested_asin: arrayOf({ value: { type: 'string', pattern: '^[A-Z0-9]{10}$' }, marketplace_id: { type: 'string' } }, ['value']),
    externally_assigned_product_identifier: arrayOf({ type: { enum: ['ean', 'upc', 'gtin', 'isbn'] }, value: { type: 'string' } }, ['type', 'value']),
    purchasable_offer: arrayOf({
      marketplace_id: { type: 'string' },
      currency: { type: 'string' },
      audience: { enum: ['ALL', 'B2B'] },
      our_price: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            schedule: {
              type: 'array',
              items: { type: 'object', properties: { value_with_tax: { type: 'number', minimum: 0 } }, required: ['value_with_tax'] },
            },
          },
        },
      },
    }),
    fulfillment_availability: arrayOf(
      {
        fulfillment_channel_code: { type: 'string' },
        quantity: { type: 'integer', minimum: 0 },
        lead_time_to_ship_max_days: { type: 'integer', minimum: 0, maximum: 30 },
      },
      ['fulfillment_channel_code'],
    ),
    list_price: arrayOf({ value: { type: 'number', minimum: 0 }, currency: { type: 'string' } }, ['value']),
  };
  for (const name of spec.extraProperties) properties[name] = arrayOf({ value: { type: 'string' }, marketplace_id: { type: 'string' } }, ['value']);
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: `https://sandbox.invalid/schema/${spec.name}.json`,
    title: `${spec.displayName} (SP-API sandbox)`,
    type: 'object',
    required: ['item_name', 'condition_type'],
    properties,
  };
}

/** Property groups of a product type definition. */
export function propertyGroups(spec: ProductTypeSpec): Record<string, { title: string; description: string; propertyNames: string[] }> {
  return {
    offer: {
      title: 'Offer',
      description: 'Price, quantity and handling time',
      propertyNames: ['condition_type', 'purchasable_offer', 'fulfillment_availability', 'list_price'],
    },
    product_identity: {
      title: 'Product Identity',
      description: 'What the product is',
      propertyNames: ['item_name', 'brand', 'merchant_suggested_asin', 'externally_assigned_product_identifier'],
    },
    ...(spec.extraProperties.length > 0
      ? { product_details: { title: 'Product Details', description: 'Type-specific details', propertyNames: spec.extraProperties } }
      : {}),
  };
}

/** Names of all attributes a product type's schema knows. */
export function knownAttributes(spec: ProductTypeSpec): string[] {
  return [...COMMON, ...spec.extraProperties];
}
