import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';
import { moneySchema } from '../../enums';

const nullableText = z.string().nullable().default(null);

/** Product data publish needs to create an offer (sync ignores it). */
export const desiredProductSchema = z.object({
  title: nullableText,
  brand: nullableText,
  identifiers: z
    .object({ asin: nullableText, upc: nullableText, ean: nullableText, isbn: nullableText, gtin: nullableText })
    .default({ asin: null, upc: null, ean: null, isbn: null, gtin: null }),
  condition: nullableText,
  conditionNote: nullableText,
  fulfillmentCenterId: nullableText,
});

/**
 * Input from the platform: the desired state of a SKU on a connection. Null or absent = not managed
 * (left as it is on Amazon). `fulfillmentChannel`, `active` and `product` were added additively.
 */
export const PlatformListingChangedV1 = defineEvent({
  type: 'platform.listing-changed',
  version: 1,
  topic: 'platform.listing.changed.v1',
  key: (data) => `${data.connectionId}:${data.sku}`,
  data: z.object({
    connectionId: z.string().min(1),
    platformListingId: z.string().min(1),
    sku: z.string().min(1),
    price: moneySchema.nullable(),
    quantity: z.number().int().nonnegative().nullable(),
    handlingTimeDays: z.number().int().min(0).max(30).nullable(),
    fulfillmentChannel: z.enum(['DEFAULT', 'FBA']).nullable().optional(),
    active: z.boolean().nullable().optional(),
    product: desiredProductSchema.nullable().optional(),
  }),
});
/** Data of {@link PlatformListingChangedV1}. */
export type PlatformListingChangedV1 = EventData<typeof PlatformListingChangedV1>;
