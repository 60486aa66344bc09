import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Import Listings finished for a connection; the counts match the run's result record. */
export const ListingsImportCompletedV1 = defineEvent({
  type: 'listings.listings-import-completed',
  version: 1,
  topic: 'listings.import.completed.v1',
  key: (data) => data.connectionId,
  data: z.object({
    connectionId: z.string().min(1),
    jobRunId: z.uuid(),
    created: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    skipped: z.record(z.string(), z.number().int().nonnegative()),
    failed: z.number().int().nonnegative(),
  }),
});
/** Data of {@link ListingsImportCompletedV1}. */
export type ListingsImportCompletedV1 = EventData<typeof ListingsImportCompletedV1>;
