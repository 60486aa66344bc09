import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';
import { jobOperationSchema, jobTriggerSchema } from '../../enums';

/** The scheduler (or an API call) asks the owning service to run a job for one connection. */
export const JobRequestedV1 = defineEvent({
  type: 'jobs.job-requested',
  version: 1,
  topic: 'jobs.job.requested.v1',
  // Keyed by connection so one consumer owns a seller's jobs and their rate budget.
  key: (data) => data.connectionId,
  data: z.object({
    jobRunId: z.uuid(),
    operation: jobOperationSchema,
    connectionId: z.string().min(1),
    trigger: jobTriggerSchema,
    settings: z.record(z.string(), z.unknown()).default({}),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
/** Data of {@link JobRequestedV1}. */
export type JobRequestedV1 = EventData<typeof JobRequestedV1>;
