import type { JobOperation, JobRequestedV1 } from '@amazon-channel/contracts';
import { appendToOutbox, quoteIdent } from '@amazon-channel/platform-persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SERVICE_DEFINITION, type ServiceDefinition } from '../service-definition';
import { jobCompleted, jobProgressed, jobStarted } from './job-events';
import type { JobProgress, JobResult } from './job-handler';
import { JobEntity } from './job.entity';

const UNIQUE_VIOLATION = '23505';
/** How often a run announces `JobProgressed`, whoever writes its checkpoints. */
const PROGRESS_EVERY_MS = 2_000;
/** When each running job last announced progress (keyed by the job object its handler holds). */
const lastProgress = new WeakMap<object, number>();

/**
 * Writes a job's checkpoint (step, cursor, merged counts) with the caller's transaction, so it commits
 * or rolls back with the data it describes (a page of orders, a batch of listings): the batch and its
 * checkpoint are one commit, and a run resumes from exactly the last batch that committed. Also appends
 * `JobProgressed` in that transaction (at most every {@link PROGRESS_EVERY_MS}) and keeps `job` (the
 * handler's `context.job`) in step with the row. Part of {@link JobsRepository}, the only writer of the
 * `jobs` table; exported for the repositories of batches, which hold the transaction already.
 *
 * If the caller's transaction rolls back, `job` is ahead of the row; the run then fails or is
 * interrupted and its next attempt reloads the row.
 * @example
 * await dataSource.transaction(async (tx) => {
 *   await writeRows(tx, rows);
 *   await writeJobCheckpoint(tx, context.job, { step: 'rows-applied', cursor: { lastLine }, counts }, { producer: 'listings' });
 * });
 */
export async function writeJobCheckpoint(tx: EntityManager, job: Readonly<JobEntity>, progress: JobProgress, options: { producer: string }): Promise<void> {
  const cursor = progress.cursor !== undefined ? progress.cursor : job.cursor;
  const counts = { ...job.counts, ...progress.counts };
  await tx.update(JobEntity, { id: job.id }, { step: progress.step, cursor, counts });
  const live = job as JobEntity;
  live.step = progress.step;
  live.cursor = cursor;
  live.counts = counts;
  if (Date.now() - (lastProgress.get(job) ?? 0) < PROGRESS_EVERY_MS) return;
  lastProgress.set(job, Date.now());
  await appendToOutbox(tx, [jobProgressed(options.producer, job, progress)]);
}

/**
 * The only writer of the service's platform `jobs` table: runs queued from a `JobRequested` or an API
 * call, claimed, checkpointed, heartbeaten, re-queued when stale, finished or cancelled. Each state
 * change commits with its lifecycle event (built in `job-events.ts`).
 */
@Injectable()
export class JobsRepository {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition,
  ) {
    this.table = `${quoteIdent(service.schema)}.jobs`;
  }

  /**
   * Records a requested run in `tx` (the inbox transaction of its `JobRequested`); a second request for
   * the same run id is the same run. A refused request is recorded FAILED with the reason and never runs.
   */
  async recordRequest(tx: EntityManager, tenantId: string, request: JobRequestedV1, refusal?: string): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(JobEntity)
      .values({
        id: request.jobRunId,
        tenantId,
        connectionId: request.connectionId,
        operation: request.operation,
        trigger: request.trigger,
        settings: request.settings,
        requestedAt: new Date(request.requestedAt),
        ...(refusal ? { status: 'FAILED' as const, failureReason: refusal, finishedAt: new Date() } : {}),
      })
      .orIgnore()
      .execute();
  }

  /**
   * Queues a run asked for through this service's own API, at most one open (QUEUED or RUNNING) per
   * connection and operation — the scheduler's rule for its registry.
   * @returns the queued run, or the open one that already exists.
   */
  async queue(tenantId: string, connectionId: string, operation: JobOperation, settings: object): Promise<{ job: JobEntity; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      // The table only forbids two RUNNING rows; a transaction-scoped advisory lock per (connection,
      // operation) makes "check then insert" race-free for QUEUED ones too.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.service.schema}:${operation}:${connectionId}`]);
      const [open] = await tx.query(`SELECT id FROM ${this.table} WHERE connection_id = $1 AND operation = $2 AND status IN ('QUEUED', 'RUNNING') LIMIT 1`, [
        connectionId,
        operation,
      ]);
      if (open) return { job: await tx.findOneByOrFail(JobEntity, { id: open.id }), created: false };
      const job = tx.create(JobEntity, {
        id: uuidv7(),
        tenantId,
        connectionId,
        operation,
        trigger: 'MANUAL',
        status: 'QUEUED',
        settings,
        step: null,
        cursor: null,
        counts: {},
        requestedAt: new Date(),
      });
      await tx.insert(JobEntity, job);
      return { job, created: true };
    });
  }

  /** The tenant's 100 most recent runs (of one connection when given), newest first. */
  list(tenantId: string, connectionId?: string): Promise<JobEntity[]> {
    return this.dataSource.getRepository(JobEntity).find({
      where: connectionId ? { tenantId, connectionId } : { tenantId },
      order: { createdAt: 'DESC' },
      take: 100,
    });
  }

  /** A run of this tenant, or null (another tenant's run is as unknown as a missing one). */
  findOwned(tenantId: string, id: string): Promise<JobEntity | null> {
    return this.dataSource.getRepository(JobEntity).findOneBy({ id, tenantId });
  }

  /** Cancels the tenant's run if it has not started; a running or finished one is left as it is. */
  async cancelQueued(tenantId: string, id: string): Promise<void> {
    await this.dataSource.getRepository(JobEntity).update({ id, tenantId, status: 'QUEUED' }, { status: 'CANCELLED', finishedAt: new Date() });
  }

  /** Queues again the RUNNING runs of `operations` whose heartbeat stopped `staleAfterSeconds` ago (their worker died). */
  async requeueStale(operations: string[], staleAfterSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET status = 'QUEUED', updated_at = now() WHERE status = 'RUNNING' AND operation = ANY($1) AND updated_at < now() - make_interval(secs => $2)`,
      [operations, staleAfterSeconds],
    );
  }

  /**
   * Claims the oldest QUEUED run of `operations` whose connection has no RUNNING run of that operation,
   * marks it RUNNING and appends `JobStarted`, in one transaction.
   * @returns the claimed run, or null when none is waiting (or another worker won the race).
   */
  async claimNext(operations: string[]): Promise<JobEntity | null> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [row] = await tx.query(
          `SELECT j.id FROM ${this.table} j
            WHERE j.status = 'QUEUED' AND j.operation = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM ${this.table} r WHERE r.connection_id = j.connection_id AND r.operation = j.operation AND r.status = 'RUNNING')
            ORDER BY j.requested_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [operations],
        );
        if (!row) return null;
        await tx.query(`UPDATE ${this.table} SET status = 'RUNNING', started_at = COALESCE(started_at, now()), updated_at = now() WHERE id = $1`, [row.id]);
        const job = await tx.findOneByOrFail(JobEntity, { id: row.id });
        await appendToOutbox(tx, [jobStarted(this.service.name, job, new Date())]);
        return job;
      });
    } catch (error) {
      // Another worker started a run of the same operation for this connection first.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  /** Tells other workers a RUNNING run is alive. */
  async heartbeat(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${this.table} SET updated_at = now() WHERE id = $1 AND status = 'RUNNING'`, [id]);
  }

  /** A checkpoint in a transaction of its own, for steps that write nothing else (a report requested, a file downloaded). */
  checkpoint(job: Readonly<JobEntity>, progress: JobProgress): Promise<void> {
    return this.dataSource.transaction((tx) => writeJobCheckpoint(tx, job, progress, { producer: this.service.name }));
  }

  /** Ends a run with its result and appends `JobCompleted`, in one transaction. */
  async finish(job: JobEntity, result: JobResult): Promise<void> {
    const finishedAt = new Date();
    await this.dataSource.transaction(async (tx) => {
      await tx.update(
        JobEntity,
        { id: job.id },
        { status: result.outcome, counts: result.counts, failureReason: result.outcome === 'FAILED' ? (result.summary ?? 'failed') : null, finishedAt },
      );
      await appendToOutbox(tx, [jobCompleted(this.service.name, job, result, finishedAt)]);
    });
  }
}
