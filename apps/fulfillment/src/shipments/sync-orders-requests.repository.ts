import { quoteIdent } from '@amazon-channel/platform-persistence';
import { JobsRepository } from '@amazon-channel/platform-service';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FULFILLMENT_SCHEMA } from '../database/tables';

const JOBS = `${quoteIdent(FULFILLMENT_SCHEMA)}.jobs`;

/**
 * Asks for a sync-orders run in the transaction that made packages due (a shipment stored, released
 * or edited), so the run cannot start before they are visible. At most one QUEUED run per
 * connection: a RUNNING one may exist beside it, so what arrives as a run ends is not left for the
 * scheduler's next tick. The jobs table is written through the platform's JobsRepository only.
 */
@Injectable()
export class SyncOrdersRequests {
  constructor(private readonly jobs: JobsRepository) {}

  async requestIn(tx: EntityManager, tenantId: string, connectionId: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${FULFILLMENT_SCHEMA}:sync-orders-request:${connectionId}`]);
    const [queued] = await tx.query(`SELECT 1 FROM ${JOBS} WHERE connection_id = $1 AND operation = 'sync-orders' AND status = 'QUEUED' LIMIT 1`, [
      connectionId,
    ]);
    if (queued) return;
    await this.jobs.recordRequest(tx, tenantId, {
      jobRunId: uuidv7(),
      operation: 'sync-orders',
      connectionId,
      trigger: 'API',
      settings: {},
      requestedAt: new Date().toISOString(),
    });
  }
}
