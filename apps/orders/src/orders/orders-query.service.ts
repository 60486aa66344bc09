import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { SourcesRepository } from '../sources/sources.repository';
import type { listOrdersQuery } from './dto/orders.dto';
import type { OrderItemEntity } from './entities/order-item.entity';
import type { OrderEntity } from './entities/order.entity';
import { OrderSettingsService } from './order-settings.service';
import { OrdersError } from '../errors/orders.error';
import { OrdersRepository } from './orders.repository';

/** The answer to "why is order X not in the platform". */
export interface OrderDiagnosis {
  amazonOrderId: string;
  connectionId: string;
  /** IMPORTED, HELD, RESERVED, CANCELLED, or why it was not imported. */
  verdict:
    | 'IMPORTED'
    | 'HELD'
    | 'RESERVED'
    | 'CANCELLED'
    | 'STATUS_FILTERED'
    | 'OUTSIDE_CREATED_WINDOW'
    | 'FULFILLED_BY_FILTERED'
    | 'OTHER_MARKETPLACE'
    | 'STORE_FAILED'
    | 'NOT_YET_POLLED'
    | 'NOT_RETURNED_BY_AMAZON';
  reason: string | null;
  explanation: string;
  orderId: string | null;
  lastPolledAt: string | null;
}

/** Reads of orders: list, one order with its lines, diagnostics, routing to a compliant source. */
@Injectable()
export class OrdersQueryService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly sources: SourcesRepository,
    private readonly settings: OrderSettingsService,
  ) {}

  list(tenantId: string, query: z.infer<typeof listOrdersQuery>): Promise<{ total: number; orders: OrderEntity[] }> {
    return this.orders.list(tenantId, query);
  }

  async get(tenantId: string, id: string): Promise<OrderEntity & { items: OrderItemEntity[] }> {
    const order = await this.orders.findById(tenantId, id);
    if (!order) throw new OrdersError('ORDER_NOT_FOUND', `No order ${id}`);
    return { ...order, items: await this.orders.linesOf(id) };
  }

  async diagnose(tenantId: string, connectionId: string, amazonOrderId: string): Promise<OrderDiagnosis> {
    const base = { amazonOrderId, connectionId };
    const state = await this.orders.syncState(tenantId, connectionId);
    const lastPolledAt = state?.lastRunAt.toISOString() ?? null;
    const order = await this.orders.findByAmazonId(tenantId, connectionId, amazonOrderId);
    if (order) {
      switch (order.state) {
        case 'IMPORTED':
          return {
            ...base,
            verdict: 'IMPORTED',
            reason: null,
            orderId: order.id,
            lastPolledAt,
            explanation: `Imported on ${order.importedAt?.toISOString() ?? '?'} (Amazon status ${order.amazonStatus}).`,
          };
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
          return {
            ...base,
            verdict: 'RESERVED',
            reason: order.amazonStatus,
            orderId: order.id,
            lastPolledAt,
            explanation: `Kept as a reservation while Amazon has it ${order.amazonStatus}; it is imported when Amazon releases it (UNSHIPPED).`,
          };
        case 'CANCELLED':
          return {
            ...base,
            verdict: 'CANCELLED',
            reason: order.amazonStatus,
            orderId: order.id,
            lastPolledAt,
            explanation: `Cancelled at Amazon on or before ${order.cancelledAt?.toISOString() ?? '?'}, before it was imported; it will not be imported.`,
          };
      }
    }
    const skip = await this.orders.findSkip(tenantId, connectionId, amazonOrderId);
    if (skip) {
      return {
        ...base,
        verdict: skip.reason as OrderDiagnosis['verdict'],
        reason: skip.reason,
        orderId: null,
        lastPolledAt,
        explanation: `Seen on ${skip.seenAt.toISOString()} and not imported: ${skip.detail}.`,
      };
    }
    if (!state) {
      return {
        ...base,
        verdict: 'NOT_YET_POLLED',
        reason: null,
        orderId: null,
        lastPolledAt,
        explanation: 'Get Orders has not completed a run for this connection yet.',
      };
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
    return this.orders.route(
      tenantId,
      id,
      async (order) => {
        if (!order) throw new OrdersError('ORDER_NOT_FOUND', `No order ${id}`);
        if (order.state !== 'IMPORTED')
          throw new OrdersError(
            'ORDER_NOT_ROUTABLE',
            `Order ${order.amazonOrderId} is ${order.state}${order.holdReason ? ` (${order.holdReason})` : ''} and cannot be routed yet`,
          );
        const source = await this.sources.find(tenantId, sourceId);
        if (!source) throw new OrdersError('SOURCE_NOT_FOUND', `No source ${sourceId}`);
        if (!source.amazonCompliant) {
          throw new OrdersError(
            'SOURCE_NOT_COMPLIANT',
            `Source ${source.name} does not have "Compliance with Amazon Services Business Solutions Agreement" enabled; Amazon orders cannot be routed to it. Enable the flag on the source first.`,
            { sourceId },
          );
        }
      },
      sourceId,
    );
  }
}
