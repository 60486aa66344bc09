import { OrderPiiRedactedV1 } from '@amazon-channel/contracts';
import { appendToOutbox } from '@amazon-channel/platform-persistence';
import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CLOCK, type Clock } from '../clock/clock';
import { T } from '../orders/order-import.store';
import { ORDERS_OPTIONS, type OrdersOptions } from '../orders-options';

const BATCH = 500;

/**
 * PII retention: erases (deletes, not hides) the buyer data of orders shipped — or cancelled —
 * more than PII_RETENTION_DAYS ago (job setting `retentionDays` overrides), with OrderPiiRedacted
 * and an audit row per order that names the order only. Amazon's DPP anchors the 30 days on
 * delivery; shipment is the earlier, stricter anchor this service knows for certain.
 */
@Injectable()
export class PiiRedactionJobHandler implements JobHandler {
  readonly operation = 'pii-redaction' as const;
  private readonly log = new Logger('PiiRedaction');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job } = context;
    const days = Number((job.settings as { retentionDays?: unknown }).retentionDays ?? this.options.piiRetentionDays);
    const retentionDays = Number.isInteger(days) && days > 0 ? days : this.options.piiRetentionDays;
    const cutoff = new Date(this.clock.now().getTime() - retentionDays * 86_400_000);
    let redacted = (job.counts as { redacted?: number }).redacted ?? 0;
    for (;;) {
      context.signal.throwIfAborted();
      const done = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT id, tenant_id, amazon_order_id FROM ${T.orders}
            WHERE connection_id = $1 AND tenant_id = $2 AND pii_redacted_at IS NULL AND COALESCE(shipped_at, cancelled_at) < $3
            ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [job.connectionId, job.tenantId, cutoff],
        )) as Array<{ id: string; tenant_id: string; amazon_order_id: string }>;
        if (!rows.length) return 0;
        const ids = rows.map((r) => r.id);
        const now = this.clock.now();
        await manager.query(`DELETE FROM ${T.pii} WHERE order_id = ANY($1)`, [ids]);
        await manager.query(`UPDATE ${T.orders} SET pii_redacted_at = $2, updated_at = now() WHERE id = ANY($1)`, [ids, now]);
        const params: unknown[] = [];
        const values = rows.map((r) => `(${[uuidv7(), r.tenant_id, r.id, r.amazon_order_id, 'REDACTED', 'pii-redaction', `retention ${retentionDays} days after shipment`].map((v) => `$${params.push(v)}`).join(', ')})`);
        await manager.query(`INSERT INTO ${T.audit} (id, tenant_id, order_id, amazon_order_id, action, actor, purpose) VALUES ${values.join(', ')}`, params);
        await appendToOutbox(
          manager,
          rows.map((r) => ({
            definition: OrderPiiRedactedV1,
            data: { orderId: r.id, connectionId: job.connectionId, amazonOrderId: r.amazon_order_id, redactedAt: now.toISOString() },
            context: { producer: 'orders', tenantId: r.tenant_id, connectionId: job.connectionId, correlationId: job.id, causationId: job.id },
          })),
        );
        return rows.length;
      });
      if (done === 0) break;
      redacted += done;
      await context.checkpoint({ step: 'redacting', counts: { redacted }, done: redacted, total: null });
    }
    this.log.log(`pii-redaction ${job.id} for ${job.connectionId}: ${redacted} order(s) redacted`);
    return { outcome: 'SUCCEEDED', counts: { redacted }, summary: `Buyer data erased from ${redacted} order(s) shipped or cancelled before ${cutoff.toISOString()}.` };
  }
}
