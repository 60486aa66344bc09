import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';
import { fulfillmentChannelSchema, moneySchema } from '../../enums';

/** A listing was created or changed by Import Listings; unchanged rows emit nothing. */
export const ListingImportedV1 = defineEvent({
  type: 'listings.listing-imported',
  version: 1,
  topic: 'listings.listing.imported.v1',
  key: (data) => `${data.connectionId}:${data.sku}`,
  data: z.object({
    connectionId: z.string().min(1),
    jobRunId: z.uuid(),
    listingId: z.uuid(),
    sku: z.string().min(1),
    parentSku: z.string().min(1).nullable(),
    change: z.enum(['CREATED', 'UPDATED']),
    externalListingId: z.string().nullable(),
    asin: z.string().nullable(),
    title: z.string().nullable(),
    price: moneySchema.nullable(),
    quantity: z.number().int().nonnegative().nullable(),
    fulfillmentChannel: fulfillmentChannelSchema,
    status: z.enum(['ACTIVE', 'PAUSED', 'HIDDEN', 'DELISTED']),
  }),
});
/** Data of {@link ListingImportedV1}. */
export type ListingImportedV1 = EventData<typeof ListingImportedV1>;
