import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Outcome of a listing operation for one SKU (published); `issues` carries Amazon's messages when there are any. */
export const ListingPublishedV1 = defineEvent({
  type: 'listings.listing-published',
  version: 1,
  topic: 'listings.listing.published.v1',
  key: (data) => `${data.connectionId}:${data.sku}`,
  data: z.object({
    connectionId: z.string().min(1),
    listingId: z.uuid(),
    sku: z.string().min(1),
    jobRunId: z.uuid().nullable(),
    issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).default([]),
  }),
});
/** Data of {@link ListingPublishedV1}. */
export type ListingPublishedV1 = EventData<typeof ListingPublishedV1>;
