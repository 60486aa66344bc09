import { quoteIdent } from '@amazon-channel/platform-persistence';
import { JobEntity } from '@amazon-channel/platform-service';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LISTINGS_SCHEMA } from '../service-schema';
import type { JobOperation } from '@amazon-channel/contracts';

/**
 * Queues job runs in this service's `jobs` table, at most one open (QUEUED or RUNNING) per
 * connection and operation — the scheduler's rule for its registry.
 */
@Injectable()
export class JobRequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** @returns the queued run, or the open one that already exists. */
  async request(tenantId: string, connectionId: string, operation: JobOperation, settings: object): Promise<{ job: JobEntity; created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      // The platform's jobs table only forbids two RUNNING rows; a transaction-scoped advisory lock
      // per (connection, operation) makes "check then insert" race-free for QUEUED ones too.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${LISTINGS_SCHEMA}:${operation}:${connectionId}`]);
      const [open] = await manager.query(
        `SELECT id FROM ${quoteIdent(LISTINGS_SCHEMA)}.jobs WHERE connection_id = $1 AND operation = $2 AND status IN ('QUEUED', 'RUNNING') LIMIT 1`,
        [connectionId, operation],
      );
      if (open) return { job: await manager.findOneByOrFail(JobEntity, { id: open.id }), created: false };
      const job = manager.create(JobEntity, {
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
      await manager.insert(JobEntity, job);
      return { job, created: true };
    });
  }

  /** A run of this tenant, with up to `limit` of its row errors (line order; only imports have any). */
  async findWithErrors(
    tenantId: string,
    jobId: string,
    limit: number,
  ): Promise<{ job: JobEntity; rowErrors: Array<{ line: number; sku: string | null; message: string }> } | null> {
    const job = await this.dataSource.getRepository(JobEntity).findOneBy({ id: jobId, tenantId });
    if (!job) return null;
    const rowErrors = await this.dataSource.query(
      `SELECT line, sku, message FROM ${quoteIdent(LISTINGS_SCHEMA)}.import_row_errors WHERE job_id = $1 ORDER BY line LIMIT $2`,
      [jobId, limit],
    );
    return { job, rowErrors };
  }
}
