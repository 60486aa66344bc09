import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** A running job reached a new phase or count; sent at most every few seconds per run. */
export const JobProgressedV1 = defineEvent({
  type: 'jobs.job-progressed',
  version: 1,
  topic: 'jobs.job.progressed.v1',
  key: (data) => data.jobRunId,
  data: z.object({
    jobRunId: z.uuid(),
    phase: z.string().min(1),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
  }),
});
/** Data of {@link JobProgressedV1}. */
export type JobProgressedV1 = EventData<typeof JobProgressedV1>;
