import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { T } from '../database/tables';
import { OrderPiiEntity } from './entities/order-pii.entity';
import { PiiAuditEntity } from './entities/pii-audit.entity';

/** What a buyer-data read found: the order and its (encrypted) PII row, or why there is nothing to read. */
export type PiiReadResult =
  { kind: 'missing' } | { kind: 'redacted'; amazonOrderId: string; redactedAt: Date } | { kind: 'read'; amazonOrderId: string; row: OrderPiiEntity | null };

/** Reads of buyer data and their audit trail: the only writer of `pii_audit` rows for reads. */
@Injectable()
export class PiiReadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's order's encrypted buyer data, with an audit row committed in the same transaction: no read without a record. */
  readRecorded(tenantId: string, orderId: string, actor: string, purpose: string): Promise<PiiReadResult> {
    return this.dataSource.transaction(async (tx) => {
      // The order's identity and redaction mark only: pii/ reads the orders table, it does not depend on the orders feature.
      const [order] = (await tx.query(
        `SELECT amazon_order_id AS "amazonOrderId", pii_redacted_at AS "piiRedactedAt" FROM ${T.orders} WHERE id = $1 AND tenant_id = $2`,
        [orderId, tenantId],
      )) as Array<{ amazonOrderId: string; piiRedactedAt: Date | null }>;
      if (!order) return { kind: 'missing' };
      if (order.piiRedactedAt) return { kind: 'redacted', amazonOrderId: order.amazonOrderId, redactedAt: order.piiRedactedAt };
      const row = await tx.findOneBy(OrderPiiEntity, { orderId });
      await tx.insert(PiiAuditEntity, { id: uuidv7(), tenantId, orderId, amazonOrderId: order.amazonOrderId, action: 'READ', actor, purpose });
      return { kind: 'read', amazonOrderId: order.amazonOrderId, row };
    });
  }

  /** The audit trail of an order (ids, actors and purposes; no buyer data). */
  audit(tenantId: string, orderId: string): Promise<PiiAuditEntity[]> {
    return this.dataSource.getRepository(PiiAuditEntity).find({ where: { tenantId, orderId }, order: { createdAt: 'ASC' } });
  }
}
