import { JobCompletedV1, JobProgressedV1, JobStartedV1, type JobOperation } from '@amazon-channel/contracts';
import type { PendingEvent } from '@amazon-channel/platform-persistence';
import { randomUUID } from 'node:crypto';
import type { JobResult } from './job-handler';
import type { JobEntity } from './job.entity';

/** What a job's lifecycle events say about the run. Built here only; the jobs repository appends them with the state change. */
type JobRef = Pick<JobEntity, 'id' | 'tenantId' | 'connectionId' | 'operation'>;

function context(producer: string, job: JobRef): PendingEvent['context'] {
  // Each lifecycle event starts a correlation of its own, caused by the run.
  return { producer, tenantId: job.tenantId, connectionId: job.connectionId, correlationId: randomUUID(), causationId: job.id };
}

/** `JobStarted`: the run was claimed by a worker. */
export function jobStarted(producer: string, job: JobRef, startedAt: Date): PendingEvent {
  return {
    definition: JobStartedV1,
    data: { jobRunId: job.id, operation: job.operation as JobOperation, connectionId: job.connectionId, startedAt: startedAt.toISOString() },
    context: context(producer, job),
  };
}

/** `JobProgressed`: the step a run reached and how far it is. */
export function jobProgressed(producer: string, job: JobRef, progress: { step: string; done?: number; total?: number | null }): PendingEvent {
  return {
    definition: JobProgressedV1,
    data: { jobRunId: job.id, phase: progress.step, done: progress.done ?? 0, total: progress.total ?? null },
    context: context(producer, job),
  };
}

/** `JobCompleted`: the run's outcome, counts and seller-readable summary. */
export function jobCompleted(producer: string, job: JobRef, result: JobResult, finishedAt: Date): PendingEvent {
  return {
    definition: JobCompletedV1,
    data: {
      jobRunId: job.id,
      operation: job.operation as JobOperation,
      connectionId: job.connectionId,
      outcome: result.outcome,
      counts: result.counts,
      summary: result.summary?.slice(0, 2000) ?? null,
      finishedAt: finishedAt.toISOString(),
    },
    context: context(producer, job),
  };
}
