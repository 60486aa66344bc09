import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock';
import type { HeldOrdersRelease } from '../shipping-mappings/held-orders.port';
import { findShippingPolicy, type ShippingMappingFacts } from '../shipping-mappings/domain/shipping-policy';
import { releasedOrderEvents } from './order-events';
import { OrdersRepository } from './orders.repository';

/**
 * Orders' side of a shipping-mapping change: imports the orders held for a missing mapping that
 * the connection's mappings now cover, with OrderImported for each, in the mapping's transaction.
 * Orders cancelled at Amazon while held are CANCELLED, not HELD, and are never released.
 */
@Injectable()
export class ReleaseHeldOrders implements HeldOrdersRelease {
  constructor(
    private readonly orders: OrdersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async releaseCovered(tx: EntityManager, tenantId: string, connectionId: string, mappings: readonly ShippingMappingFacts[]): Promise<number> {
    const held = await this.orders.lockHeldForMapping(tx, tenantId, connectionId);
    const releasable = held.flatMap((order) => {
      const shippingPolicy = findShippingPolicy(order, mappings);
      return shippingPolicy ? [{ order: { ...order, shippingPolicy } }] : [];
    });
    if (!releasable.length) return 0;
    await this.orders.markReleased(
      tx,
      releasable.map(({ order }) => ({ id: order.id, shippingPolicy: order.shippingPolicy })),
      this.clock.now(),
    );
    const lines = await this.orders.importedLinesOf(
      tx,
      releasable.map(({ order }) => order.id),
    );
    const eligible = await this.orders.eligibleSources(tx, tenantId);
    const events = releasedOrderEvents(
      releasable.map(({ order }) => ({ order, lines: lines.get(order.id) ?? [] })),
      eligible,
      { producer: 'orders', tenantId, connectionId, correlationId: randomUUID() },
    );
    await this.orders.announce(tx, events);
    return releasable.length;
  }
}
