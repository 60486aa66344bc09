import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';
import { jobOperationSchema, jobOutcomeSchema } from '../../enums';

/** A job run ended; `counts` and `summary` are what a seller reads in the run's notification. */
export const JobCompletedV1 = defineEvent({
  type: 'jobs.job-completed',
  version: 1,
  topic: 'jobs.job.completed.v1',
  key: (data) => data.jobRunId,
  data: z.object({
    jobRunId: z.uuid(),
    operation: jobOperationSchema,
    connectionId: z.string().min(1),
    outcome: jobOutcomeSchema,
    counts: z.record(z.string(), z.number().int().nonnegative()).default({}),
    summary: z.string().max(2000).nullable(),
    finishedAt: z.iso.datetime({ offset: true }),
  }),
});
/** Data of {@link JobCompletedV1}. */
export type JobCompletedV1 = EventData<typeof JobCompletedV1>;
