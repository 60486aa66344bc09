import type { OrderCancelledV1, OrderImportedV1, OrderUpdatedV1 } from '@amazon-channel/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { T } from '../database/tables';
import type { KnownOrder } from './domain/known-order';

/**
 * fulfillment's projection of orders' lines, from orders' events (never orders' tables). The only
 * writer of `known_orders` and `known_order_lines`. Each write runs in the event's inbox transaction.
 */
@Injectable()
export class KnownOrdersRepository {
  /** Records an imported order with its lines (ordered and cancelled units). */
  async imported(manager: EntityManager, tenantId: string, data: OrderImportedV1): Promise<void> {
    {
      const [row] = await manager.query(
        `INSERT INTO ${T.knownOrders} (id, tenant_id, connection_id, amazon_order_id, order_id, marketplace_id, purchased_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'IMPORTED')
         ON CONFLICT (connection_id, amazon_order_id) DO UPDATE SET order_id = EXCLUDED.order_id, purchased_at = EXCLUDED.purchased_at, updated_at = now()
         RETURNING id`,
        [uuidv7(), tenantId, data.connectionId, data.amazonOrderId, data.orderId, data.marketplaceId, data.purchasedAt],
      );
      for (const line of data.lines) {
        const ordered = line.quantityOrdered ?? line.quantity;
        const cancelled = line.quantityCancelled ?? 0;
        await this.upsertLine(manager, row.id, line.orderItemId, line.sku, ordered, cancelled);
      }
    }
  }

  /** Records a status change and, when the event carries them, the order's lines. */
  async updated(manager: EntityManager, data: OrderUpdatedV1): Promise<void> {
    {
      const [row] = await manager.query(
        `UPDATE ${T.knownOrders} SET status = $3, updated_at = now() WHERE connection_id = $1 AND amazon_order_id = $2 RETURNING id`,
        [data.connectionId, data.amazonOrderId, data.status],
      );
      if (!row) return;
      for (const line of data.lines ?? []) await this.upsertLine(manager, row.id, line.orderItemId, line.sku, line.quantityOrdered, line.quantityCancelled);
    }
  }

  /** Adds the cancelled units (OrderCancelled carries each line's newly cancelled units). */
  async cancelled(manager: EntityManager, data: OrderCancelledV1): Promise<void> {
    {
      const [row] = await manager.query(`SELECT id FROM ${T.knownOrders} WHERE connection_id = $1 AND amazon_order_id = $2`, [
        data.connectionId,
        data.amazonOrderId,
      ]);
      if (!row) return;
      if (data.scope === 'FULL') await manager.query(`UPDATE ${T.knownOrders} SET status = 'CANCELLED', updated_at = now() WHERE id = $1`, [row.id]);
      for (const line of data.lines)
        await manager.query(
          `UPDATE ${T.knownOrderLines} SET quantity_cancelled = LEAST(quantity_ordered, quantity_cancelled + $3), updated_at = now()
           WHERE known_order_id = $1 AND order_item_id = $2`,
          [row.id, line.orderItemId, line.cancelledQuantity],
        );
    }
  }

  /** The order with its lines, read with `manager` (inside the caller's transaction). */
  async find(manager: EntityManager, connectionId: string, amazonOrderId: string): Promise<KnownOrder | null> {
    const rows: Array<{
      marketplace_id: string;
      purchased_at: Date;
      order_item_id: string | null;
      sku: string;
      quantity_ordered: number;
      quantity_cancelled: number;
    }> = await manager.query(
      `SELECT o.marketplace_id, o.purchased_at, l.order_item_id, l.sku, l.quantity_ordered, l.quantity_cancelled
         FROM ${T.knownOrders} o LEFT JOIN ${T.knownOrderLines} l ON l.known_order_id = o.id
         WHERE o.connection_id = $1 AND o.amazon_order_id = $2 ORDER BY l.order_item_id`,
      [connectionId, amazonOrderId],
    );
    if (rows.length === 0) return null;
    return {
      amazonOrderId,
      marketplaceId: rows[0].marketplace_id,
      purchasedAt: new Date(rows[0].purchased_at),
      lines: rows
        .filter((r) => r.order_item_id !== null)
        .map((r) => ({ orderItemId: r.order_item_id as string, sku: r.sku, quantityOrdered: r.quantity_ordered, quantityCancelled: r.quantity_cancelled })),
    };
  }

  private async upsertLine(manager: EntityManager, knownOrderId: string, orderItemId: string, sku: string, ordered: number, cancelled: number): Promise<void> {
    await manager.query(
      `INSERT INTO ${T.knownOrderLines} (id, known_order_id, order_item_id, sku, quantity_ordered, quantity_cancelled)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (known_order_id, order_item_id) DO UPDATE SET sku = EXCLUDED.sku, quantity_ordered = EXCLUDED.quantity_ordered,
         quantity_cancelled = EXCLUDED.quantity_cancelled, updated_at = now()`,
      [uuidv7(), knownOrderId, orderItemId, sku, ordered, cancelled],
    );
  }
}
