import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Outcome of a listing operation for one SKU (sync-failed); `issues` carries Amazon's messages when there are any. */
export const ListingSyncFailedV1 = defineEvent({
  type: 'listings.listing-sync-failed',
  version: 1,
  topic: 'listings.listing.sync-failed.v1',
  key: (data) => `${data.connectionId}:${data.sku}`,
  data: z.object({
    connectionId: z.string().min(1),
    listingId: z.uuid(),
    sku: z.string().min(1),
    jobRunId: z.uuid().nullable(),
    issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).default([]),
    /** Coded reason (AMAZON_REJECTED, NOT_APPLIED, NOT_ON_AMAZON, FEED_FATAL, FEED_STUCK, DRIFTED); added additively. */
    reason: z.string().optional(),
    /** A sentence the seller can act on; added additively. */
    sentence: z.string().optional(),
  }),
});
/** Data of {@link ListingSyncFailedV1}. */
export type ListingSyncFailedV1 = EventData<typeof ListingSyncFailedV1>;
