import { JobRequestedV1 } from '@amazon-channel/contracts';
import { currentCorrelationId } from '@amazon-channel/platform-observability';
import { appendToOutbox } from '@amazon-channel/platform-persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { RequestJobRun } from './dto/request-job-run.dto';
import { JobRunEntity, type JobRunStatus } from './entities/job-run.entity';

const UNIQUE_VIOLATION = '23505';

/** Job runs and the events that announce them, written together. */
@Injectable()
export class JobRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a requested run and its `JobRequested` event in one transaction.
   * @returns the new run, or the open run that already exists for this connection and operation.
   */
  async request(tenantId: string, request: RequestJobRun): Promise<{ run: JobRunEntity; created: boolean }> {
    try {
      const run = await this.dataSource.transaction(async (manager) => {
        const row = manager.create(JobRunEntity, {
          id: uuidv7(),
          tenantId,
          connectionId: request.connectionId,
          operation: request.operation,
          trigger: request.trigger,
          status: 'REQUESTED',
          settings: request.settings,
          counts: {},
          requestedAt: new Date(),
        });
        await manager.insert(JobRunEntity, row);
        await appendToOutbox(manager, [
          {
            definition: JobRequestedV1,
            data: { ...request, jobRunId: row.id, requestedAt: row.requestedAt.toISOString() },
            context: { producer: 'scheduler', tenantId, connectionId: request.connectionId, correlationId: currentCorrelationId() },
          },
        ]);
        return row;
      });
      return { run, created: true };
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      const open = await this.dataSource
        .getRepository(JobRunEntity)
        .findOneByOrFail({
          tenantId,
          connectionId: request.connectionId,
          operation: request.operation,
          status: 'REQUESTED',
        })
        .catch(() =>
          this.dataSource.getRepository(JobRunEntity).findOneByOrFail({
            tenantId,
            connectionId: request.connectionId,
            operation: request.operation,
            status: 'RUNNING',
          }),
        );
      return { run: open, created: false };
    }
  }

  find(tenantId: string, id: string): Promise<JobRunEntity | null> {
    return this.dataSource.getRepository(JobRunEntity).findOneBy({ tenantId, id });
  }

  /** The tenant's runs, newest first, filtered by connection, operation and status when given. */
  list(tenantId: string, filter: { connectionId?: string; operation?: string; status?: string; limit?: number } = {}): Promise<JobRunEntity[]> {
    return this.dataSource.getRepository(JobRunEntity).find({
      where: {
        tenantId,
        ...(filter.connectionId !== undefined ? { connectionId: filter.connectionId } : {}),
        ...(filter.operation !== undefined ? { operation: filter.operation } : {}),
        ...(filter.status !== undefined ? { status: filter.status as JobRunStatus } : {}),
      },
      order: { requestedAt: 'DESC', id: 'DESC' },
      take: filter.limit ?? 100,
    });
  }

  /**
   * A run began in its owning service. A run the scheduler did not request (an import started on
   * listings' own route) is recorded here from this event, so the history holds every run.
   */
  async recordStarted(
    manager: EntityManager,
    tenantId: string,
    data: { jobRunId: string; operation: string; connectionId: string; startedAt: string },
  ): Promise<void> {
    const startedAt = new Date(data.startedAt);
    // No conflict target: the run exists already (updated below), or the connection has another open
    // run of the operation (the partial unique index): then this one is recorded when it completes.
    await manager
      .createQueryBuilder()
      .insert()
      .into(JobRunEntity)
      .values({
        id: data.jobRunId,
        tenantId,
        connectionId: data.connectionId,
        operation: data.operation,
        trigger: 'MANUAL',
        status: 'RUNNING',
        settings: {},
        counts: {},
        requestedAt: startedAt,
        startedAt,
      })
      .orIgnore()
      .execute();
    await this.update(manager, data.jobRunId, { status: 'RUNNING', startedAt });
  }

  /** A run reported progress; an older report arriving late changes nothing, a finished run keeps its outcome. */
  async recordProgress(manager: EntityManager, data: { jobRunId: string; phase: string; done: number; total: number | null }, at: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(JobRunEntity)
      .set({
        phase: data.phase,
        done: data.done,
        total: data.total,
        progressAt: at,
        status: () => "CASE WHEN status = 'REQUESTED' THEN 'RUNNING' ELSE status END",
        startedAt: () => 'COALESCE(started_at, :at)',
      })
      .where("id = :id AND status IN ('REQUESTED', 'RUNNING') AND (progress_at IS NULL OR progress_at <= :at)", { id: data.jobRunId, at })
      .execute();
  }

  /** A run ended: its outcome, counts and summary; recorded even when the scheduler never saw it start. */
  async recordCompleted(
    manager: EntityManager,
    tenantId: string,
    data: {
      jobRunId: string;
      operation: string;
      connectionId: string;
      outcome: JobRunStatus;
      counts: Record<string, number>;
      summary: string | null;
      finishedAt: string;
    },
  ): Promise<void> {
    const finishedAt = new Date(data.finishedAt);
    await manager
      .createQueryBuilder()
      .insert()
      .into(JobRunEntity)
      .values({
        id: data.jobRunId,
        tenantId,
        connectionId: data.connectionId,
        operation: data.operation,
        trigger: 'MANUAL',
        status: data.outcome,
        settings: {},
        counts: data.counts,
        summary: data.summary,
        requestedAt: finishedAt,
        finishedAt,
      })
      .orUpdate(['status', 'counts', 'summary', 'finished_at', 'updated_at'], ['id'])
      .execute();
  }

  /** Moves a run forward; a late `JobStarted` never reopens a finished run. */
  async update(manager: EntityManager, id: string, change: Partial<JobRunEntity> & { status: JobRunStatus }): Promise<void> {
    const query = manager.createQueryBuilder().update(JobRunEntity).set(change).where('id = :id', { id });
    if (change.status === 'RUNNING') query.andWhere("status = 'REQUESTED'");
    await query.execute();
  }
}
