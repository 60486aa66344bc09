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

  list(tenantId: string, connectionId?: string): Promise<JobRunEntity[]> {
    return this.dataSource.getRepository(JobRunEntity).find({
      where: connectionId ? { tenantId, connectionId } : { tenantId },
      order: { createdAt: 'DESC' },
      take: 100,
    });
  }

  /** Moves a run forward; a late `JobStarted` never reopens a finished run. */
  async update(manager: EntityManager, id: string, change: Partial<JobRunEntity> & { status: JobRunStatus }): Promise<void> {
    const query = manager.createQueryBuilder().update(JobRunEntity).set(change).where('id = :id', { id });
    if (change.status === 'RUNNING') query.andWhere("status = 'REQUESTED'");
    await query.execute();
  }
}
