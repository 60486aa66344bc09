import { runPriority, type JobOperation } from '@amazon-channel/contracts';
import { backoffDelay, sleep } from '@amazon-channel/platform-messaging';
import { withRatePriority } from '@amazon-channel/sp-api';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PlatformRuntime } from '../platform-runtime';
import type { PlatformConfig } from '../platform.config';
import { PLATFORM_CONFIG } from '../service-definition';
import { JOB_HANDLERS, type JobContext, type JobHandler, type JobResult } from './job-handler';
import type { JobEntity } from './job.entity';
import { JobRunMetrics } from './job-metrics';
import { JobsRepository } from './jobs.repository';
const MAX_HEARTBEAT_MS = 10_000;

/**
 * How often a running job refreshes its heartbeat: a third of the stale threshold (capped at 10 s),
 * so a live job would have to miss two beats in a row before another worker took it for dead.
 */
export function jobHeartbeatMs(staleAfterSeconds: number): number {
  return Math.min(MAX_HEARTBEAT_MS, Math.floor((staleAfterSeconds * 1000) / 3));
}

/**
 * Runs the jobs this service owns (role `worker`): claims QUEUED jobs one at a time per connection
 * and operation (a partial unique index makes a second RUNNING row impossible), announces them with
 * `JobStarted`, lets the handler checkpoint its progress, and ends them with `JobCompleted` — each
 * state change and its event in one transaction. A worker that dies leaves a RUNNING job whose
 * heartbeat stops; after `JOBS_STALE_AFTER_SECONDS` another worker queues it again and its handler
 * resumes from the last checkpoint.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('JobRunner');
  private readonly handlers: Map<string, JobHandler>;
  private readonly stopping = new AbortController();
  private readonly running = new Map<string, Promise<void>>();
  private loop?: Promise<void>;
  private readonly heartbeatMs: number;

  constructor(
    private readonly jobs: JobsRepository,
    private readonly runtime: PlatformRuntime,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() @Inject(JOB_HANDLERS) handlers?: JobHandler[],
  ) {
    this.handlers = new Map((handlers ?? []).map((handler) => [handler.operation, handler]));
    this.heartbeatMs = jobHeartbeatMs(config.JOBS_STALE_AFTER_SECONDS);
  }

  /** Operations this replica can run. */
  get operations(): JobOperation[] {
    return [...this.handlers.keys()] as JobOperation[];
  }

  onApplicationBootstrap(): void {
    if (this.handlers.size > 0 && this.config.APP_ROLES.includes('worker')) this.loop = this.poll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await Promise.allSettled(this.running.values());
  }

  /**
   * Claims and runs at most one job now (tests and the CronJob entry point use it directly).
   * @returns the id of the job it finished, or null when none was waiting.
   */
  async runOnce(): Promise<string | null> {
    const job = await this.jobs.claimNext(this.operations);
    if (!job) return null;
    await this.execute(job);
    return job.id;
  }

  private async poll(): Promise<void> {
    const signal = this.stopping.signal;
    for (let failures = 0; !signal.aborted;) {
      try {
        if (!this.runtime.status.database) {
          await sleep(500, signal);
          continue;
        }
        await this.jobs.requeueStale(this.operations, this.config.JOBS_STALE_AFTER_SECONDS);
        while (this.running.size < this.config.JOBS_CONCURRENCY) {
          const job = await this.jobs.claimNext(this.operations);
          if (!job) break;
          const run = this.execute(job).finally(() => this.running.delete(job.id));
          this.running.set(job.id, run);
        }
        failures = 0;
        await sleep(this.config.JOBS_POLL_MS, signal);
      } catch (error) {
        failures++;
        this.log.warn(`job polling failed (attempt ${failures}): ${error instanceof Error ? error.message : String(error)}`);
        await sleep(backoffDelay(failures, { initialMs: 500, maxMs: 30_000 }), signal);
      }
    }
  }

  private async execute(job: JobEntity): Promise<void> {
    const handler = this.handlers.get(job.operation) as JobHandler;
    const abort = new AbortController();
    const onStop = () => abort.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    const heartbeat = setInterval(() => {
      void this.jobs.heartbeat(job.id).catch(() => undefined);
    }, this.heartbeatMs);
    const metrics = new JobRunMetrics(job);
    const context: JobContext = {
      job,
      signal: abort.signal,
      // The same write a batch's repository makes inside its own transaction, here in one of its own.
      checkpoint: metrics.checkpoints((progress) => this.jobs.checkpoint(job, progress)),
    };
    let result: JobResult;
    try {
      // Every SP-API call of the run waits for tokens at its operation's rank (get-orders before an import).
      result = await withRatePriority(runPriority(job.operation, job.trigger), () => handler.run(context));
    } catch (error) {
      if (this.stopping.signal.aborted) {
        // Shutting down mid-run: leave it RUNNING; its heartbeat stops and it resumes elsewhere.
        clearInterval(heartbeat);
        metrics.finished(null);
        return;
      }
      result = { outcome: 'FAILED', counts: job.counts, summary: error instanceof Error ? error.message : String(error) };
    } finally {
      clearInterval(heartbeat);
      this.stopping.signal.removeEventListener('abort', onStop);
    }
    await this.jobs.finish(job, result);
    metrics.finished(result);
    this.log.log(`${job.operation} ${job.id} for ${job.connectionId}: ${result.outcome}`);
  }
}
