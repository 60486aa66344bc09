import { OrderPiiRedactedV1 } from '@amazon-channel/contracts';
import { appendToOutbox } from '@amazon-channel/platform-persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { T } from '../database/tables';
import type { RedactionScope } from './domain/redaction-scope';

/** What one batch needs to know about the run that erases it. */
export interface RedactionBatch {
  scope: RedactionScope;
  cutoff: Date;
  now: Date;
  /** The job run: correlation and causation of the events. */
  jobId: string;
  /** Why, as the audit row states it. */
  purpose: string;
  limit: number;
}

/** Erases buyer data: the PII rows, the order's redaction mark, an audit row and OrderPiiRedacted per order, together. */
@Injectable()
export class PiiRedactionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Orders whose buyer data should be gone by now (shipped or cancelled before `cutoff`) and is not,
   * and how far past the cutoff the oldest is (seconds; 0 when none).
   */
  async overdue(cutoff: Date): Promise<{ count: number; oldestSeconds: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count,
              COALESCE(EXTRACT(EPOCH FROM ($1::timestamptz - min(COALESCE(shipped_at, cancelled_at)))), 0)::float8 AS oldest
         FROM ${T.orders} WHERE pii_redacted_at IS NULL AND COALESCE(shipped_at, cancelled_at) < $1`,
      [cutoff],
    )) as Array<{ count: number; oldest: number }>;
    return { count: Number(row?.count ?? 0), oldestSeconds: Number(row?.oldest ?? 0) };
  }

  /**
   * Erases one batch of orders in the scope shipped or cancelled before the cutoff, in one
   * transaction (rows another worker holds are skipped, not waited for).
   * @returns how many orders were erased; 0 when none is left.
   */
  async redactBatch(batch: RedactionBatch): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const params: unknown[] = [batch.cutoff];
      const scoped =
        batch.scope.kind === 'all' ? '' : `AND tenant_id = $${params.push(batch.scope.tenantId)} AND connection_id = $${params.push(batch.scope.connectionId)}`;
      const rows = (await manager.query(
        `SELECT id, tenant_id, connection_id, amazon_order_id FROM ${T.orders}
          WHERE pii_redacted_at IS NULL AND COALESCE(shipped_at, cancelled_at) < $1 ${scoped}
          ORDER BY id LIMIT ${Number(batch.limit)} FOR UPDATE SKIP LOCKED`,
        params,
      )) as Array<{ id: string; tenant_id: string; connection_id: string; amazon_order_id: string }>;
      if (!rows.length) return 0;
      const ids = rows.map((r) => r.id);
      await manager.query(`DELETE FROM ${T.pii} WHERE order_id = ANY($1)`, [ids]);
      await manager.query(`UPDATE ${T.orders} SET pii_redacted_at = $2, updated_at = now() WHERE id = ANY($1)`, [ids, batch.now]);
      const auditParams: unknown[] = [];
      const values = rows.map(
        (r) =>
          `(${[uuidv7(), r.tenant_id, r.id, r.amazon_order_id, 'REDACTED', 'pii-redaction', batch.purpose].map((v) => `$${auditParams.push(v)}`).join(', ')})`,
      );
      await manager.query(`INSERT INTO ${T.audit} (id, tenant_id, order_id, amazon_order_id, action, actor, purpose) VALUES ${values.join(', ')}`, auditParams);
      // Each event names the order's own tenant and connection: a system run spans many.
      await appendToOutbox(
        manager,
        rows.map((r) => ({
          definition: OrderPiiRedactedV1,
          data: { orderId: r.id, connectionId: r.connection_id, amazonOrderId: r.amazon_order_id, redactedAt: batch.now.toISOString() },
          context: { producer: 'orders', tenantId: r.tenant_id, connectionId: r.connection_id, correlationId: batch.jobId, causationId: batch.jobId },
        })),
      );
      return rows.length;
    });
  }
}
