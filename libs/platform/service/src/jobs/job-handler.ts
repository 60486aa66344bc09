import type { JobOperation, JobOutcome } from '@amazon-channel/contracts';
import type { JobEntity } from './job.entity';

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
   * else; a step that commits data has its repository call `writeJobCheckpoint` (jobs.repository.ts) inside
   * that data's transaction, so the batch and its checkpoint are one commit.
   */
  checkpoint(progress: JobProgress): Promise<void>;
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
