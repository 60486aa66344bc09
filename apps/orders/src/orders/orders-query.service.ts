import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock';
import { SourceEntity } from '../sources/source.entity';
import type { z } from 'zod';
import type { listOrdersQuery } from './dto/orders.dto';
import { OrderItemEntity } from './entities/order-item.entity';
import { OrderSkipEntity } from './entities/order-skip.entity';
import { OrderSyncStateEntity } from './entities/order-sync-state.entity';
import { OrderEntity } from './entities/order.entity';
import { OrderSettingsService } from './order-settings.service';
import { OrdersError } from './orders.error';

/** The answer to "why is order X not in the platform". */
export interface OrderDiagnosis {
  amazonOrderId: string;
  connectionId: string;
  /** IMPORTED, HELD, RESERVED, or why it was not imported. */
  verdict: 'IMPORTED' | 'HELD' | 'RESERVED' | 'STATUS_FILTERED' | 'OUTSIDE_CREATED_WINDOW' | 'FULFILLED_BY_FILTERED' | 'NOT_YET_POLLED' | 'NOT_RETURNED_BY_AMAZON';
  reason: string | null;
  explanation: string;
  orderId: string | null;
  lastPolledAt: string | null;
}

/** Reads of orders: list, one order with its lines, diagnostics, routing to a compliant source. */
@Injectable()
export class OrdersQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OrderSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(tenantId: string, query: z.infer<typeof listOrdersQuery>): Promise<{ total: number; orders: OrderEntity[] }> {
    const where = { tenantId, connectionId: query.connectionId, state: query.state, amazonStatus: query.status, holdReason: query.holdReason, amazonOrderId: query.amazonOrderId };
    const clean = Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined));
    const [orders, total] = await this.dataSource.getRepository(OrderEntity).findAndCount({ where: clean, order: { purchasedAt: 'DESC', amazonOrderId: 'ASC' }, take: query.limit, skip: query.offset });
    return { total, orders };
  }

  async get(tenantId: string, id: string): Promise<OrderEntity & { items: OrderItemEntity[] }> {
    const order = await this.dataSource.getRepository(OrderEntity).findOneBy({ id, tenantId });
    if (!order) throw new OrdersError('ORDER_NOT_FOUND', `No order ${id}`);
    const items = await this.dataSource.getRepository(OrderItemEntity).find({ where: { orderId: id }, order: { orderItemId: 'ASC' } });
    return { ...order, items };
  }

  async diagnose(tenantId: string, connectionId: string, amazonOrderId: string): Promise<OrderDiagnosis> {
    const base = { amazonOrderId, connectionId };
    const state = await this.dataSource.getRepository(OrderSyncStateEntity).findOneBy({ connectionId, tenantId });
    const lastPolledAt = state?.lastRunAt.toISOString() ?? null;
    const order = await this.dataSource.getRepository(OrderEntity).findOneBy({ tenantId, connectionId, amazonOrderId });
    if (order) {
      switch (order.state) {
        case 'IMPORTED':
          return { ...base, verdict: 'IMPORTED', reason: null, orderId: order.id, lastPolledAt, explanation: `Imported on ${order.importedAt?.toISOString() ?? '?'} (Amazon status ${order.amazonStatus}).` };
        case 'HELD':
          return {
            ...base,
            verdict: 'HELD',
            reason: order.holdReason,
            orderId: order.id,
            lastPolledAt,
            explanation:
              order.holdReason === 'MISSING_SHIPPING_MAPPING'
                ? `Held: no shipping mapping for service level ${order.serviceLevel ?? '(none)'}. Add one and the order is imported at once.`
                : `Held: ${order.holdDetail ?? order.holdReason ?? 'unknown reason'}.`,
          };
        case 'RESERVED':
          return { ...base, verdict: 'RESERVED', reason: order.amazonStatus, orderId: order.id, lastPolledAt, explanation: `Kept as a reservation while Amazon has it ${order.amazonStatus}; it is imported when Amazon releases it (UNSHIPPED).` };
      }
    }
    const skip = await this.dataSource.getRepository(OrderSkipEntity).findOneBy({ tenantId, connectionId, amazonOrderId });
    if (skip) {
      return { ...base, verdict: skip.reason as OrderDiagnosis['verdict'], reason: skip.reason, orderId: null, lastPolledAt, explanation: `Seen on ${skip.seenAt.toISOString()} and not imported: ${skip.detail}.` };
    }
    if (!state) {
      return { ...base, verdict: 'NOT_YET_POLLED', reason: null, orderId: null, lastPolledAt, explanation: 'Get Orders has not completed a run for this connection yet.' };
    }
    const settings = await this.settings.get(tenantId, connectionId);
    return {
      ...base,
      verdict: 'NOT_RETURNED_BY_AMAZON',
      reason: null,
      orderId: null,
      lastPolledAt,
      explanation:
        `Amazon did not return this order for changes up to ${state.readUntil.toISOString()}. Orders updated later are read by the next run; ` +
        `this connection asks for orders fulfilled by ${settings.fulfilledBy.join(', ')} changed in the last ${settings.createdWithinDays} day(s) on its first run. ` +
        `Check the order id and that it belongs to this seller account and marketplace.`,
    };
  }

  /** Routes an imported order to a source; only sources with the Amazon compliance flag qualify (409 otherwise). */
  async route(tenantId: string, id: string, sourceId: string): Promise<OrderEntity> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(OrderEntity, { where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new OrdersError('ORDER_NOT_FOUND', `No order ${id}`);
      if (order.state !== 'IMPORTED') throw new OrdersError('ORDER_NOT_ROUTABLE', `Order ${order.amazonOrderId} is ${order.state}${order.holdReason ? ` (${order.holdReason})` : ''} and cannot be routed yet`);
      const source = await manager.findOneBy(SourceEntity, { tenantId, sourceId });
      if (!source) throw new OrdersError('SOURCE_NOT_FOUND', `No source ${sourceId}`);
      if (!source.amazonCompliant) {
        throw new OrdersError(
          'SOURCE_NOT_COMPLIANT',
          `Source ${source.name} does not have "Compliance with Amazon Services Business Solutions Agreement" enabled; Amazon orders cannot be routed to it. Enable the flag on the source first.`,
          { sourceId },
        );
      }
      order.routedSourceId = sourceId;
      order.updatedAt = this.clock.now();
      await manager.update(OrderEntity, { id }, { routedSourceId: sourceId });
      return order;
    });
  }
}
