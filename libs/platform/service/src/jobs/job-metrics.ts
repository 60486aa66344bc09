import { jobConsecutiveFailures, jobDuration, jobItemsDone, jobProgress, jobRuns, jobsRunning } from '../metrics/platform-metrics';
import type { JobProgress, JobResult } from './job-handler';

/** What the metrics need of a job. */
interface JobRef {
  id: string;
  operation: string;
  connectionId: string;
}

/**
 * Watches one run for the jobs dashboard: running count, progress as checkpoints report it, and at
 * the end the outcome, duration and the connection's failures in a row.
 */
export class JobRunMetrics {
  private readonly started = process.hrtime.bigint();
  private lastDone = 0;

  constructor(private readonly job: JobRef) {
    jobsRunning.inc({ operation: job.operation });
  }

  /** Wraps a checkpoint writer so each saved checkpoint also moves the progress series. */
  checkpoints<T>(write: (progress: JobProgress) => Promise<T>): (progress: JobProgress) => Promise<T> {
    return async (progress) => {
      const written = await write(progress);
      this.progressed(progress);
      return written;
    };
  }

  progressed(progress: JobProgress): void {
    const { operation, id } = this.job;
    if (typeof progress.done === 'number' && progress.done > this.lastDone) {
      jobItemsDone.inc({ operation }, progress.done - this.lastDone);
      this.lastDone = progress.done;
    }
    if (typeof progress.done === 'number' && typeof progress.total === 'number' && progress.total > 0) {
      jobProgress.set({ operation, job_id: id }, Math.min(1, progress.done / progress.total));
    }
  }

  /** The run ended with `result` (a run interrupted by shutdown passes null: it resumes elsewhere). */
  finished(result: JobResult | null): void {
    const { operation, id, connectionId } = this.job;
    jobsRunning.dec({ operation });
    jobProgress.remove({ operation, job_id: id });
    if (!result) return;
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    jobRuns.inc({ operation, outcome: result.outcome });
    jobDuration.observe({ operation, outcome: result.outcome }, seconds);
    const failures = { operation, connection_id: connectionId };
    // A series only while the last run failed: the alert counts runs in a row without a series per healthy connection.
    if (result.outcome === 'FAILED') jobConsecutiveFailures.inc(failures);
    else if (result.outcome !== 'SKIPPED') jobConsecutiveFailures.remove(failures);
  }
}
