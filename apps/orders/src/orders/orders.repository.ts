import { appendToOutbox, type FieldCipher, type PendingEvent } from '@amazon-channel/platform-persistence';
import { writeJobCheckpoint, type JobEntity, type JobProgress } from '@amazon-channel/platform-service';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { T } from '../database/tables';
import { ADDRESS_FINGERPRINT, type AddressFingerprint } from '../pii/address-fingerprint';
import { FIELD_CIPHER } from '../pii/pii-cipher';
import { OrderItemEntity } from './entities/order-item.entity';
import { OrderSkipEntity } from './entities/order-skip.entity';
import { OrderSyncStateEntity } from './entities/order-sync-state.entity';
import { OrderEntity, type OrderState } from './entities/order.entity';
import type { ImportedLineFacts, ImportedOrderFacts } from './order-events';
import { OrderImportWriter } from './order-import.writer';
import { storeFailure } from './orders.error';

/** Filters of the order list. */
export interface OrderListFilter {
  connectionId?: string;
  state?: OrderState;
  status?: string;
  holdReason?: string;
  amazonOrderId?: string;
  limit: number;
  offset: number;
}

/** A held order as the release on a new shipping mapping needs it. */
export interface HeldOrder extends Omit<ImportedOrderFacts, 'shippingPolicy'> {
  serviceLevel: string | null;
  shippingText: string | null;
}

/**
 * The only writer of the order tables (`orders`, `order_items`, `order_pii`, `order_skips`,
 * `order_sync_state`). Database errors leave it as `STORE_FAILED` with the SQLSTATE only.
 */
@Injectable()
export class OrdersRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(ADDRESS_FINGERPRINT) private readonly fingerprint: AddressFingerprint,
  ) {}

  /** Runs one get-orders page in one transaction: rows and their outbox events commit together or not at all. */
  async importPage<R>(work: (writer: OrderImportWriter) => Promise<R>): Promise<R> {
    try {
      return await this.dataSource.transaction((manager) => work(new OrderImportWriter(manager, this.cipher, this.fingerprint)));
    } catch (error) {
      throw storeFailure(error);
    }
  }

  /** A run's checkpoint in a transaction of its own (after a page applied order by order, each in its own transaction). */
  async checkpoint(job: Readonly<JobEntity>, progress: JobProgress): Promise<void> {
    await this.dataSource.transaction((tx) => writeJobCheckpoint(tx, job, progress, { producer: 'orders' }));
  }

  /** Remembers an order a page could not store, with a code, for the diagnostics endpoint. */
  async recordUnstored(tenantId: string, connectionId: string, amazonOrderId: string, reason: string, detail: string, now: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(OrderSkipEntity)
      .values({ tenantId, connectionId, amazonOrderId: amazonOrderId.replaceAll('\u0000', ''), reason, detail, amazonStatus: null, seenAt: now })
      .orUpdate(['reason', 'detail', 'amazon_status', 'seen_at'], ['connection_id', 'amazon_order_id'])
      .execute()
      .catch((error: unknown) => {
        throw storeFailure(error);
      });
  }

  /** How far get-orders read the connection's changes; null before its first complete run. */
  syncState(tenantId: string, connectionId: string): Promise<OrderSyncStateEntity | null> {
    return this.dataSource.getRepository(OrderSyncStateEntity).findOneBy({ tenantId, connectionId });
  }

  /** Moves the connection's read cursor forward, never back (a slower concurrent run finishing last). */
  async saveReadUntil(tenantId: string, connectionId: string, readUntil: Date, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${T.syncState} (connection_id, tenant_id, read_until, last_run_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection_id) DO UPDATE SET read_until = GREATEST(${T.syncState}.read_until, EXCLUDED.read_until), last_run_at = EXCLUDED.last_run_at, updated_at = now()`,
      [connectionId, tenantId, readUntil, now],
    );
  }

  async list(tenantId: string, filter: OrderListFilter): Promise<{ total: number; orders: OrderEntity[] }> {
    const where = {
      tenantId,
      connectionId: filter.connectionId,
      state: filter.state,
      amazonStatus: filter.status,
      holdReason: filter.holdReason,
      amazonOrderId: filter.amazonOrderId,
    };
    const clean = Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined));
    const [orders, total] = await this.dataSource
      .getRepository(OrderEntity)
      .findAndCount({ where: clean, order: { purchasedAt: 'DESC', amazonOrderId: 'ASC' }, take: filter.limit, skip: filter.offset });
    return { total, orders };
  }

  findById(tenantId: string, id: string): Promise<OrderEntity | null> {
    return this.dataSource.getRepository(OrderEntity).findOneBy({ id, tenantId });
  }

  linesOf(orderId: string): Promise<OrderItemEntity[]> {
    return this.dataSource.getRepository(OrderItemEntity).find({ where: { orderId }, order: { orderItemId: 'ASC' } });
  }

  findByAmazonId(tenantId: string, connectionId: string, amazonOrderId: string): Promise<OrderEntity | null> {
    return this.dataSource.getRepository(OrderEntity).findOneBy({ tenantId, connectionId, amazonOrderId });
  }

  findSkip(tenantId: string, connectionId: string, amazonOrderId: string): Promise<OrderSkipEntity | null> {
    return this.dataSource.getRepository(OrderSkipEntity).findOneBy({ tenantId, connectionId, amazonOrderId });
  }

  /**
   * Locks an order, lets `decide` check it, and stores the source it is routed to.
   * @returns the order as stored.
   */
  async route(tenantId: string, id: string, decide: (order: OrderEntity | null) => Promise<void>, sourceId: string): Promise<OrderEntity> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(OrderEntity, { where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
      await decide(order);
      await manager.update(OrderEntity, { id }, { routedSourceId: sourceId });
      return manager.findOneByOrFail(OrderEntity, { id });
    });
  }

  /** The orders of a connection held for a missing shipping mapping (not cancelled), locked, in the caller's transaction. */
  async lockHeldForMapping(tx: EntityManager, tenantId: string, connectionId: string): Promise<HeldOrder[]> {
    const rows = (await tx.query(
      `SELECT id, connection_id, amazon_order_id, marketplace_id, purchased_at, service_level, shipping_text, total_minor, currency, fulfilled_by FROM ${T.orders}
        WHERE tenant_id = $1 AND connection_id = $2 AND state = 'HELD' AND hold_reason = 'MISSING_SHIPPING_MAPPING' AND amazon_status <> 'CANCELLED'
        ORDER BY amazon_order_id FOR UPDATE`,
      [tenantId, connectionId],
    )) as Array<{
      id: string;
      connection_id: string;
      amazon_order_id: string;
      marketplace_id: string;
      purchased_at: Date;
      service_level: string | null;
      shipping_text: string | null;
      total_minor: string | null;
      currency: string | null;
      fulfilled_by: string | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      connectionId: r.connection_id,
      amazonOrderId: r.amazon_order_id,
      marketplaceId: r.marketplace_id,
      purchasedAt: r.purchased_at,
      serviceLevel: r.service_level,
      shippingText: r.shipping_text,
      totalMinor: r.total_minor === null ? null : Number(r.total_minor),
      currency: r.currency,
      fulfilledBy: r.fulfilled_by,
    }));
  }

  /** Imports released orders with their shipping policy, in the caller's transaction. */
  async markReleased(tx: EntityManager, released: ReadonlyArray<{ id: string; shippingPolicy: string }>, now: Date): Promise<void> {
    for (const { id, shippingPolicy } of released) {
      await tx.query(
        `UPDATE ${T.orders} SET state = 'IMPORTED', hold_reason = NULL, hold_detail = NULL, shipping_policy = $2, imported_at = $3, updated_at = now() WHERE id = $1`,
        [id, shippingPolicy, now],
      );
    }
  }

  /** The stored lines of orders, as OrderImported needs them, in the caller's transaction. */
  async importedLinesOf(tx: EntityManager, orderIds: readonly string[]): Promise<Map<string, ImportedLineFacts[]>> {
    const rows = (await tx.query(
      `SELECT order_id, order_item_id, sku, product_code, quantity_ordered, quantity_cancelled, unit_price_minor, currency FROM ${T.items} WHERE order_id = ANY($1) ORDER BY order_item_id`,
      [orderIds],
    )) as Array<{
      order_id: string;
      order_item_id: string;
      sku: string;
      product_code: string;
      quantity_ordered: number;
      quantity_cancelled: number;
      unit_price_minor: string | null;
      currency: string | null;
    }>;
    const out = new Map<string, ImportedLineFacts[]>();
    for (const r of rows) {
      const lines = out.get(r.order_id) ?? [];
      lines.push({
        orderItemId: r.order_item_id,
        sku: r.sku,
        productCode: r.product_code,
        quantityOrdered: r.quantity_ordered,
        quantityCancelled: r.quantity_cancelled,
        unitPriceMinor: r.unit_price_minor === null ? null : Number(r.unit_price_minor),
        currency: r.currency,
      });
      out.set(r.order_id, lines);
    }
    return out;
  }

  /** Compliant sources of a tenant, in the caller's transaction. */
  async eligibleSources(tx: EntityManager, tenantId: string): Promise<string[]> {
    const rows = (await tx.query(`SELECT source_id FROM ${T.sources} WHERE tenant_id = $1 AND amazon_compliant ORDER BY source_id`, [tenantId])) as Array<{
      source_id: string;
    }>;
    return rows.map((r) => r.source_id);
  }

  /** Appends events in the caller's transaction. */
  async announce(tx: EntityManager, events: PendingEvent[]): Promise<void> {
    await appendToOutbox(tx, events);
  }
}
