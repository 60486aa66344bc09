import { JobEntity, writeJobCheckpoint, type JobContext } from '@amazon-channel/platform-service';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/**
 * A JobContext over the real `jobs` table, as the platform JobRunner gives one to a handler:
 * it loads the job (so a second call sees the last committed step/cursor) and persists checkpoints
 * with the platform's {@link writeJobCheckpoint}. `checkpoints` lists the steps handed to
 * `checkpoint` (batches commit theirs through their repository instead).
 * Test code only.
 */
export async function loadJobContext(
  dataSource: DataSource,
  jobId: string,
  signal: AbortSignal = new AbortController().signal,
): Promise<JobContext & { checkpoints: string[] }> {
  const job = await dataSource.getRepository(JobEntity).findOneByOrFail({ id: jobId });
  const checkpoints: string[] = [];
  return {
    job,
    signal,
    checkpoints,
    checkpoint: async (progress) => {
      checkpoints.push(progress.step);
      await dataSource.transaction((manager) => writeJobCheckpoint(manager, job, progress, { producer: 'listings' }));
    },
  };
}

/** Inserts a RUNNING import-listings job, as the JobRunner would have claimed it. Test code only. */
export async function insertImportJob(dataSource: DataSource, input: { tenantId: string; connectionId: string; settings?: object }): Promise<string> {
  const id = uuidv7();
  await dataSource.getRepository(JobEntity).insert({
    id,
    tenantId: input.tenantId,
    connectionId: input.connectionId,
    operation: 'import-listings',
    trigger: 'MANUAL',
    status: 'RUNNING',
    settings: input.settings ?? {},
    requestedAt: new Date(),
    startedAt: new Date(),
  });
  return id;
}

/** Ends a job with a handler's outcome, as the JobRunner does after `run`. Test code only. */
export async function finishJob(dataSource: DataSource, jobId: string, outcome: JobEntity['status']): Promise<void> {
  await dataSource.getRepository(JobEntity).update({ id: jobId }, { status: outcome, finishedAt: new Date() });
}
