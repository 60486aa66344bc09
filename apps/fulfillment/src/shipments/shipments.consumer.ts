import { OrderCancelledV1, OrderImportedV1, OrderUpdatedV1, ShipmentReadyV2, type Envelope } from '@amazon-channel/contracts';
import { ConnectionOwnership } from '@amazon-channel/platform-auth';
import { InboxTransaction, OncePerEvent, PermanentError, TransientError } from '@amazon-channel/platform-messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { KnownOrdersRepository } from './known-orders.repository';
import { ShipmentIntakeService } from './shipment-intake.service';

/**
 * The platform's shipments and orders' order events, each applied once (the bus's inbox) and only
 * for the tenant that owns the connection, checked before any write; another tenant's is refused for good.
 * A shipment for a connection not projected yet is retried (its ConnectionChanged may still be on its way).
 * An order event for one is dead-lettered at once (visible, replayable): orders announces orders only of
 * connections authorized long before, and the order topics carry every connection's orders, so retrying each
 * foreign one with backoff would hold this service's whole stream (connection events included) behind them.
 */
@Controller()
export class ShipmentsConsumer {
  constructor(
    private readonly intake: ShipmentIntakeService,
    private readonly knownOrders: KnownOrdersRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @OncePerEvent(ShipmentReadyV2)
  async onShipmentReady(@Payload() event: Envelope<ShipmentReadyV2>, @InboxTransaction() tx: EntityManager): Promise<void> {
    await this.checkOwner(event, event.data.connectionId, 'retry');
    await this.intake.receive(event.tenantId, ShipmentReadyV2.data.parse(event.data), tx);
  }

  @OncePerEvent(OrderImportedV1)
  async onOrderImported(@Payload() event: Envelope<OrderImportedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    const { connectionId, amazonOrderId } = event.data;
    await this.checkOwner(event, connectionId, 'dead-letter');
    const decide = await this.intake.decider(event.tenantId, connectionId);
    await this.knownOrders.imported(tx, event.tenantId, event.data);
    // Shipments that arrived first are decided now, in the same transaction as the order.
    await this.intake.releaseHeld(tx, event.tenantId, connectionId, amazonOrderId, decide);
  }

  @OncePerEvent(OrderUpdatedV1)
  async onOrderUpdated(@Payload() event: Envelope<OrderUpdatedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    await this.checkOwner(event, event.data.connectionId, 'dead-letter');
    await this.knownOrders.updated(tx, event.data);
  }

  @OncePerEvent(OrderCancelledV1)
  async onOrderCancelled(@Payload() event: Envelope<OrderCancelledV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    await this.checkOwner(event, event.data.connectionId, 'dead-letter');
    await this.knownOrders.cancelled(tx, event.data);
  }

  private async checkOwner(event: Envelope<unknown>, connectionId: string, whenUnknown: 'retry' | 'dead-letter'): Promise<void> {
    const verdict = await this.ownership.verdict(event.tenantId, connectionId);
    if (verdict === 'UNKNOWN' && whenUnknown === 'dead-letter')
      throw new PermanentError('CONNECTION_NOT_PROJECTED', `Connection ${connectionId} is not known here`);
    if (verdict === 'UNKNOWN') throw new TransientError('CONNECTION_NOT_PROJECTED', `Connection ${connectionId} is not known here yet`);
    if (verdict === 'NOT_OWNED') throw new PermanentError('CONNECTION_NOT_OWNED', `Connection ${connectionId} is not the event tenant's`);
  }
}
