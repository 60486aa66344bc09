import type { FieldCipher } from '@amazon-channel/platform-persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { CandidatePii } from '../pii/buyer-data';
import type { PiiAuditEntity } from '../pii/entities/pii-audit.entity';
import { OrdersError } from '../errors/orders.error';
import { decryptPii, FIELD_CIPHER } from '../pii/pii-cipher';
import { PiiReadsRepository } from '../pii/pii-reads.repository';

const NO_PII: CandidatePii = { buyerName: null, buyerEmail: null, shippingName: null, shippingPhone: null, shippingAddress: null };

/** Reads an order's buyer data for an authorised caller, recording who read it and why. */
@Injectable()
export class PiiService {
  constructor(
    private readonly reads: PiiReadsRepository,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  async read(tenantId: string, orderId: string, actor: string, purpose: string): Promise<{ orderId: string; amazonOrderId: string } & CandidatePii> {
    const found = await this.reads.readRecorded(tenantId, orderId, actor, purpose);
    if (found.kind === 'missing') throw new OrdersError('ORDER_NOT_FOUND', `No order ${orderId}`);
    if (found.kind === 'redacted')
      throw new OrdersError(
        'PII_REDACTED',
        `The buyer data of order ${found.amazonOrderId} was erased on ${found.redactedAt.toISOString()} under the retention policy`,
      );
    return { orderId, amazonOrderId: found.amazonOrderId, ...(found.row ? decryptPii(this.cipher, found.row) : NO_PII) };
  }

  /** The audit trail of an order (ids, actors and purposes; no buyer data). */
  audit(tenantId: string, orderId: string): Promise<PiiAuditEntity[]> {
    return this.reads.audit(tenantId, orderId);
  }
}
