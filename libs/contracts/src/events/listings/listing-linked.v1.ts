import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Outcome of a listing operation for one SKU (linked); `issues` carries Amazon's messages when there are any. */
export const ListingLinkedV1 = defineEvent({
  type: 'listings.listing-linked',
  version: 1,
  topic: 'listings.listing.linked.v1',
  key: (data) => `${data.connectionId}:${data.sku}`,
  data: z.object({
    connectionId: z.string().min(1),
    listingId: z.uuid(),
    sku: z.string().min(1),
    jobRunId: z.uuid().nullable(),
    issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).default([]),
  }),
});
/** Data of {@link ListingLinkedV1}. */
export type ListingLinkedV1 = EventData<typeof ListingLinkedV1>;
