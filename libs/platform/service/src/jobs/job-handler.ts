import { JobProgressedV1, type JobOperation, type JobOutcome } from '@amazon-channel/contracts';
import { appendToOutbox } from '@amazon-channel/platform-persistence';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { JobEntity } from './job.entity';

/** What a handler reports at the end of a run: the seller-readable result record. */
export interface JobResult {
  outcome: JobOutcome;
  /** e.g. `{ created: 10, updated: 2, skipped_quantity_empty: 1, failed: 0 }` */
  counts: Record<string, number>;
  /** One paragraph a seller can read. */
  summary: string | null;
}

/** Where a run is: the step reached, its resume cursor, running counts (merged) and progress. */
export interface JobProgress {
  step: string;
  cursor?: Record<string, unknown> | null;
  counts?: Record<string, number>;
  done?: number;
  total?: number | null;
}

/** Lets a running job save where it is, so a crash resumes from there. */
export interface JobContext {
  readonly job: Readonly<JobEntity>;
  /** Aborted when the job is cancelled or the service shuts down: stop at the next safe point. */
  readonly signal: AbortSignal;
  /**
   * Persists the step reached, a resume cursor and running counts (merged) in a transaction of its
   * own, and emits `JobProgressed` (at most every few seconds). Use it for steps that write nothing
   * else; a step that commits data uses {@link writeJobCheckpoint} inside that data's transaction.
   */
  checkpoint(progress: JobProgress): Promise<void>;
}

/** How often a run announces `JobProgressed`, whoever writes its checkpoints. */
const PROGRESS_EVERY_MS = 2_000;
/** When each running job last announced progress (keyed by the job object its handler holds). */
const lastProgress = new WeakMap<object, number>();

/**
 * Writes a job's checkpoint (step, cursor, merged counts) with the caller's `manager`, so it
 * commits or rolls back with the data it describes: a repository that writes a batch calls it in the
 * batch's own transaction and the handler writes nothing else to the platform's `jobs` table. Also
 * emits `JobProgressed` in that transaction (at most every {@link PROGRESS_EVERY_MS}), and keeps
 * `job` (the handler's `context.job`) in step with the row. The JobRunner's own
 * `context.checkpoint` is this function in a transaction of its own.
 *
 * If the caller's transaction rolls back, `job` is ahead of the row; the run then fails or is
 * interrupted and its next attempt reloads the row.
 * @example
 * await dataSource.transaction(async (manager) => {
 *   await writeRows(manager, rows);
 *   await writeJobCheckpoint(manager, context.job, { step: 'rows-applied', cursor: { lastLine }, counts }, { producer: 'listings' });
 * });
 */
export async function writeJobCheckpoint(
  manager: EntityManager,
  job: Readonly<JobEntity>,
  progress: JobProgress,
  options: { producer: string },
): Promise<void> {
  const cursor = progress.cursor !== undefined ? progress.cursor : job.cursor;
  const counts = { ...job.counts, ...progress.counts };
  await manager.update(JobEntity, { id: job.id }, { step: progress.step, cursor, counts });
  const live = job as JobEntity;
  live.step = progress.step;
  live.cursor = cursor;
  live.counts = counts;
  if (Date.now() - (lastProgress.get(job) ?? 0) < PROGRESS_EVERY_MS) return;
  lastProgress.set(job, Date.now());
  await appendToOutbox(manager, [
    {
      definition: JobProgressedV1,
      data: { jobRunId: job.id, phase: progress.step, done: progress.done ?? 0, total: progress.total ?? null },
      context: { producer: options.producer, tenantId: job.tenantId, connectionId: job.connectionId, correlationId: randomUUID(), causationId: job.id },
    },
  ]);
}

/**
 * Runs one operation. `run` starts fresh when `context.job.step` is null and resumes from
 * `step`/`cursor` otherwise; it must be safe to run again from the last checkpoint.
 * Throwing ends the run FAILED with the error's message as the reason.
 */
export interface JobHandler {
  readonly operation: JobOperation;
  run(context: JobContext): Promise<JobResult>;
}

/** DI token for the handlers a service registers (`{ provide: JOB_HANDLERS, useFactory: (...) => [a, b], inject: [...] }`). */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
