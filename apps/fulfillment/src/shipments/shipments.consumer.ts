import { OrderCancelledV1, OrderImportedV1, OrderUpdatedV1, ShipmentReadyV2, type Envelope } from '@amazon-channel/contracts';
import { ConnectionOwnership } from '@amazon-channel/platform-auth';
import { TransientError, type HandlerOutcome } from '@amazon-channel/platform-messaging';
import type { InboxKey } from '@amazon-channel/platform-persistence';
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { KnownOrdersRepository } from './known-orders.repository';
import { ShipmentIntakeService } from './shipment-intake.service';

const GROUP = 'fulfillment';

/**
 * The platform's shipments and orders' order events, each applied once (inbox) and only for the
 * tenant that owns the connection: another tenant's event is dropped with a log line, one for a
 * connection not projected yet is retried (ConnectionChanged may still be on its way).
 */
@Controller()
export class ShipmentsConsumer {
  private readonly log = new Logger('ShipmentsConsumer');

  constructor(
    private readonly intake: ShipmentIntakeService,
    private readonly knownOrders: KnownOrdersRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @EventPattern(ShipmentReadyV2.topic)
  async onShipmentReady(@Payload() event: Envelope<ShipmentReadyV2>): Promise<HandlerOutcome> {
    if (!(await this.owned(event, event.data.connectionId))) return 'applied';
    const data = ShipmentReadyV2.data.parse(event.data);
    const { created } = await this.intake.receive(event.tenantId, data, key(event, ShipmentReadyV2.topic));
    return created ? 'applied' : 'duplicate';
  }

  @EventPattern(OrderImportedV1.topic)
  async onOrderImported(@Payload() event: Envelope<OrderImportedV1>): Promise<HandlerOutcome> {
    const { connectionId, amazonOrderId } = event.data;
    if (!(await this.owned(event, connectionId))) return 'applied';
    const decide = await this.intake.decider(event.tenantId, connectionId);
    let released = 0;
    const outcome = await this.knownOrders.imported(key(event, OrderImportedV1.topic), event.tenantId, event.data, async (manager) => {
      released = await this.intake.releaseHeld(manager, connectionId, amazonOrderId, decide);
    });
    if (released > 0) await this.intake.requestRun(event.tenantId, connectionId);
    return outcome;
  }

  @EventPattern(OrderUpdatedV1.topic)
  async onOrderUpdated(@Payload() event: Envelope<OrderUpdatedV1>): Promise<HandlerOutcome> {
    if (!(await this.owned(event, event.data.connectionId))) return 'applied';
    return this.knownOrders.updated(key(event, OrderUpdatedV1.topic), event.data);
  }

  @EventPattern(OrderCancelledV1.topic)
  async onOrderCancelled(@Payload() event: Envelope<OrderCancelledV1>): Promise<HandlerOutcome> {
    if (!(await this.owned(event, event.data.connectionId))) return 'applied';
    return this.knownOrders.cancelled(key(event, OrderCancelledV1.topic), event.data);
  }

  private async owned(event: Envelope<unknown>, connectionId: string): Promise<boolean> {
    const verdict = await this.ownership.verdict(event.tenantId, connectionId);
    if (verdict === 'UNKNOWN') throw new TransientError('CONNECTION_NOT_PROJECTED', `Connection ${connectionId} is not known here yet`);
    if (verdict === 'NOT_OWNED') this.log.warn(`${event.type} ${event.id} dropped: its tenant does not own connection ${connectionId}`);
    return verdict === 'OWNED';
  }
}

function key(event: Envelope<unknown>, topic: string): InboxKey {
  return { consumerGroup: GROUP, eventId: event.id, topic, eventType: event.type };
}
