import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OrderPiiEntity } from '../orders/entities/order-pii.entity';
import { OrderEntity } from '../orders/entities/order.entity';
import { PiiAuditEntity } from '../orders/entities/pii-audit.entity';

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
      const order = await tx.findOneBy(OrderEntity, { id: orderId, tenantId });
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
