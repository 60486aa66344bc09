import type { FieldCipher } from '@amazon-channel/platform-persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { CandidatePii } from '../orders/domain/order-candidate';
import { OrderPiiEntity } from '../orders/entities/order-pii.entity';
import { OrderEntity } from '../orders/entities/order.entity';
import { PiiAuditEntity } from '../orders/entities/pii-audit.entity';
import { OrdersError } from '../orders/orders.error';
import { decryptPii, FIELD_CIPHER } from './pii-cipher';

/** Reads an order's buyer data for an authorised caller, recording who read it and why. */
@Injectable()
export class PiiService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  async read(tenantId: string, orderId: string, actor: string, purpose: string): Promise<{ orderId: string; amazonOrderId: string } & CandidatePii> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOneBy(OrderEntity, { id: orderId, tenantId });
      if (!order) throw new OrdersError('ORDER_NOT_FOUND', `No order ${orderId}`);
      if (order.piiRedactedAt)
        throw new OrdersError(
          'PII_REDACTED',
          `The buyer data of order ${order.amazonOrderId} was erased on ${order.piiRedactedAt.toISOString()} under the retention policy`,
        );
      const row = await manager.findOneBy(OrderPiiEntity, { orderId });
      // The audit row commits with the read: no read without a record.
      await manager.insert(PiiAuditEntity, { id: uuidv7(), tenantId, orderId, amazonOrderId: order.amazonOrderId, action: 'READ', actor, purpose });
      const pii: CandidatePii = row
        ? decryptPii(this.cipher, row)
        : { buyerName: null, buyerEmail: null, shippingName: null, shippingPhone: null, shippingAddress: null };
      return { orderId, amazonOrderId: order.amazonOrderId, ...pii };
    });
  }

  /** The audit trail of an order (ids, actors and purposes; no buyer data). */
  async audit(tenantId: string, orderId: string): Promise<PiiAuditEntity[]> {
    return this.dataSource.getRepository(PiiAuditEntity).find({ where: { tenantId, orderId }, order: { createdAt: 'ASC' } });
  }
}
