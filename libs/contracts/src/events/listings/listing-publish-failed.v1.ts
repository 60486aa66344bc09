import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Outcome of a listing operation for one SKU (publish-failed); `issues` carries Amazon's messages when there are any. */
export const ListingPublishFailedV1 = defineEvent({
  type: 'listings.listing-publish-failed',
  version: 1,
  topic: 'listings.listing.publish-failed.v1',
  key: (data) => `${data.connectionId}:${data.sku}`,
  data: z.object({
    connectionId: z.string().min(1),
    listingId: z.uuid(),
    sku: z.string().min(1),
    jobRunId: z.uuid().nullable(),
    issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).default([]),
  }),
});
/** Data of {@link ListingPublishFailedV1}. */
export type ListingPublishFailedV1 = EventData<typeof ListingPublishFailedV1>;
