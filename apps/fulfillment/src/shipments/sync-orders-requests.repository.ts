import { JobEntity } from '@amazon-channel/platform-service';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FULFILLMENT_SCHEMA } from '../database/tables';
import { quoteIdent } from '@amazon-channel/platform-persistence';

const JOBS = `${quoteIdent(FULFILLMENT_SCHEMA)}.jobs`;

/**
 * Queues sync-orders runs when shipments arrive or are edited: at most one QUEUED run per
 * connection (a RUNNING one may exist beside it, so nothing that arrives mid-run waits for the
 * scheduler's next tick).
 */
@Injectable()
export class SyncOrdersRequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async request(tenantId: string, connectionId: string, trigger: 'API' | 'MANUAL' = 'API'): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fulfillment:sync-orders:${connectionId}`]);
      const [open] = await manager.query(`SELECT id FROM ${JOBS} WHERE connection_id = $1 AND operation = 'sync-orders' AND status = 'QUEUED' LIMIT 1`, [
        connectionId,
      ]);
      if (open) return;
      await manager.insert(JobEntity, {
        id: uuidv7(),
        tenantId,
        connectionId,
        operation: 'sync-orders',
        trigger,
        status: 'QUEUED',
        settings: {},
        step: null,
        cursor: null,
        counts: {},
        requestedAt: new Date(),
      });
    });
  }
}
