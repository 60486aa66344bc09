import { JobCompletedV1, JobStartedV1, runPriority, type JobOperation } from '@amazon-channel/contracts';
import { backoffDelay, sleep } from '@amazon-channel/platform-messaging';
import { appendToOutbox, quoteIdent } from '@amazon-channel/platform-persistence';
import { withRatePriority } from '@amazon-channel/sp-api';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PlatformRuntime } from '../platform-runtime';
import type { PlatformConfig } from '../platform.config';
import { PLATFORM_CONFIG, SERVICE_DEFINITION, type ServiceDefinition } from '../service-definition';
import { JOB_HANDLERS, writeJobCheckpoint, type JobContext, type JobHandler, type JobResult } from './job-handler';
import { JobEntity, type JobStatus } from './job.entity';
import { JobRunMetrics } from './job-metrics';

const UNIQUE_VIOLATION = '23505';
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
  private readonly table: string;
  private readonly heartbeatMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: PlatformRuntime,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition,
    @Optional() @Inject(JOB_HANDLERS) handlers?: JobHandler[],
  ) {
    this.handlers = new Map((handlers ?? []).map((handler) => [handler.operation, handler]));
    this.table = `${quoteIdent(service.schema)}.jobs`;
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
    const job = await this.claim();
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
        await this.requeueStale();
        while (this.running.size < this.config.JOBS_CONCURRENCY) {
          const job = await this.claim();
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

  private async requeueStale(): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET status = 'QUEUED', updated_at = now() WHERE status = 'RUNNING' AND operation = ANY($1) AND updated_at < now() - make_interval(secs => $2)`,
      [this.operations, this.config.JOBS_STALE_AFTER_SECONDS],
    );
  }

  private async claim(): Promise<JobEntity | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [row] = await manager.query(
          `SELECT j.id FROM ${this.table} j
            WHERE j.status = 'QUEUED' AND j.operation = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM ${this.table} r WHERE r.connection_id = j.connection_id AND r.operation = j.operation AND r.status = 'RUNNING')
            ORDER BY j.requested_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [this.operations],
        );
        if (!row) return null;
        await manager.query(`UPDATE ${this.table} SET status = 'RUNNING', started_at = COALESCE(started_at, now()), updated_at = now() WHERE id = $1`, [
          row.id,
        ]);
        const job = await manager.findOneByOrFail(JobEntity, { id: row.id });
        await this.emit(manager, job, [
          {
            definition: JobStartedV1,
            data: { jobRunId: job.id, operation: job.operation as JobOperation, connectionId: job.connectionId, startedAt: new Date().toISOString() },
          },
        ]);
        return job;
      });
    } catch (error) {
      // Another worker started a run of the same operation for this connection first.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  private async execute(job: JobEntity): Promise<void> {
    const handler = this.handlers.get(job.operation) as JobHandler;
    const abort = new AbortController();
    const onStop = () => abort.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    const heartbeat = setInterval(() => {
      void this.dataSource.query(`UPDATE ${this.table} SET updated_at = now() WHERE id = $1 AND status = 'RUNNING'`, [job.id]).catch(() => undefined);
    }, this.heartbeatMs);
    const metrics = new JobRunMetrics(job);
    const context: JobContext = {
      job,
      signal: abort.signal,
      // The same write a repository makes inside its batch's transaction, here in one of its own.
      checkpoint: metrics.checkpoints((progress) =>
        this.dataSource.transaction((manager) => writeJobCheckpoint(manager, job, progress, { producer: this.service.name })),
      ),
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
    await this.finish(job, result);
    metrics.finished(result);
  }

  private async finish(job: JobEntity, result: JobResult): Promise<void> {
    const status: JobStatus = result.outcome;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        JobEntity,
        { id: job.id },
        {
          status,
          counts: result.counts,
          failureReason: result.outcome === 'FAILED' ? (result.summary ?? 'failed') : null,
          finishedAt: new Date(),
        },
      );
      await this.emit(manager, job, [
        {
          definition: JobCompletedV1,
          data: {
            jobRunId: job.id,
            operation: job.operation as JobOperation,
            connectionId: job.connectionId,
            outcome: result.outcome,
            counts: result.counts,
            summary: result.summary?.slice(0, 2000) ?? null,
            finishedAt: new Date().toISOString(),
          },
        },
      ]);
    });
    this.log.log(`${job.operation} ${job.id} for ${job.connectionId}: ${result.outcome}`);
  }

  private emit(
    manager: EntityManager,
    job: JobEntity,
    events: Array<{ definition: typeof JobStartedV1 | typeof JobCompletedV1; data: unknown }>,
  ): Promise<string[]> {
    return appendToOutbox(
      manager,
      events.map(({ definition, data }) => ({
        definition,
        data,
        context: { producer: this.service.name, tenantId: job.tenantId, connectionId: job.connectionId, correlationId: randomUUID(), causationId: job.id },
      })),
    );
  }
}
