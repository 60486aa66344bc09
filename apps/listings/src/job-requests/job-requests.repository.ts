import { quoteIdent } from '@amazon-channel/platform-persistence';
import { JobsRepository, type JobEntity } from '@amazon-channel/platform-service';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LISTINGS_SCHEMA } from '../service-schema';
import type { JobOperation } from '@amazon-channel/contracts';

/** Listings' job runs: queued through the platform's {@link JobsRepository} (the only writer of `jobs`), read with their row errors. */
@Injectable()
export class JobRequestsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsRepository,
  ) {}

  /** Queues a run through the platform's jobs repository. @returns the queued run, or the open one that already exists. */
  request(tenantId: string, connectionId: string, operation: JobOperation, settings: object): Promise<{ job: JobEntity; created: boolean }> {
    return this.jobs.queue(tenantId, connectionId, operation, settings);
  }

  /** A run of this tenant, with up to `limit` of its row errors (line order; only imports have any). */
  async findWithErrors(
    tenantId: string,
    jobId: string,
    limit: number,
  ): Promise<{ job: JobEntity; rowErrors: Array<{ line: number; sku: string | null; message: string }> } | null> {
    const job = await this.jobs.findOwned(tenantId, jobId);
    if (!job) return null;
    const rowErrors = await this.dataSource.query(
      `SELECT line, sku, message FROM ${quoteIdent(LISTINGS_SCHEMA)}.import_row_errors WHERE job_id = $1 ORDER BY line LIMIT $2`,
      [jobId, limit],
    );
    return { job, rowErrors };
  }
}
