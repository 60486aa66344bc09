import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Outcome of a listing operation for one SKU (synced); `issues` carries Amazon's messages when there are any. */
export const ListingSyncedV1 = defineEvent({
  type: 'listings.listing-synced',
  version: 1,
  topic: 'listings.listing.synced.v1',
  key: (data) => `${data.connectionId}:${data.sku}`,
  data: z.object({
    connectionId: z.string().min(1),
    listingId: z.uuid(),
    sku: z.string().min(1),
    jobRunId: z.uuid().nullable(),
    issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).default([]),
    /** The values read back live on Amazon (added additively; absent from older producers). */
    values: z
      .object({
        priceMinor: z.number().int().nullable(),
        currency: z.string().nullable(),
        quantity: z.number().int().nullable(),
        handlingTimeDays: z.number().int().nullable(),
      })
      .optional(),
  }),
});
/** Data of {@link ListingSyncedV1}. */
export type ListingSyncedV1 = EventData<typeof ListingSyncedV1>;
