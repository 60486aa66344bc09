import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';
import { jobOperationSchema } from '../../enums';

/** The owning service began a job run. */
export const JobStartedV1 = defineEvent({
  type: 'jobs.job-started',
  version: 1,
  topic: 'jobs.job.started.v1',
  key: (data) => data.jobRunId,
  data: z.object({
    jobRunId: z.uuid(),
    operation: jobOperationSchema,
    connectionId: z.string().min(1),
    startedAt: z.iso.datetime({ offset: true }),
  }),
});
/** Data of {@link JobStartedV1}. */
export type JobStartedV1 = EventData<typeof JobStartedV1>;
