import { OrderImportedV1 } from '@amazon-channel/contracts';
import { appendToOutbox } from '@amazon-channel/platform-persistence';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CLOCK, type Clock } from '../clock/clock';
import { normaliseServiceLevel, type ServiceLevelCategory } from '../orders/domain/service-level';
import { orderImportedData } from '../orders/order-events';
import { findShippingPolicy, T } from '../orders/order-import.store';
import { OrdersError } from '../orders/orders.error';
import { ShippingMappingEntity } from './shipping-mapping.entity';

/** A mapping to create or replace. */
export interface ShippingMappingInput {
  channelShippingText: string;
  serviceLevelCategory: ServiceLevelCategory;
  shippingPolicy: string;
}

/**
 * Shipping mappings of a connection. Creating or changing one releases, in the same transaction,
 * the orders held for a missing mapping that it now covers (OrderImported for each).
 */
@Injectable()
export class ShippingMappingsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(tenantId: string, connectionId: string): Promise<ShippingMappingEntity[]> {
    return this.dataSource.getRepository(ShippingMappingEntity).find({ where: { tenantId, connectionId }, order: { serviceLevelCategory: 'ASC' } });
  }

  async create(tenantId: string, connectionId: string, input: ShippingMappingInput): Promise<{ mapping: ShippingMappingEntity; released: number }> {
    return this.dataSource.transaction(async (manager) => {
      const exists = await manager.findOneBy(ShippingMappingEntity, { tenantId, connectionId, serviceLevelCategory: input.serviceLevelCategory });
      if (exists) throw new OrdersError('SHIPPING_MAPPING_CONFLICT', `Service level ${input.serviceLevelCategory} is already mapped (mapping ${exists.id})`, { id: exists.id });
      const mapping = manager.create(ShippingMappingEntity, { id: uuidv7(), tenantId, connectionId, ...input });
      await manager.insert(ShippingMappingEntity, mapping);
      return { mapping, released: await this.releaseHeld(manager, tenantId, connectionId) };
    });
  }

  async update(tenantId: string, connectionId: string, id: string, input: ShippingMappingInput): Promise<{ mapping: ShippingMappingEntity; released: number }> {
    return this.dataSource.transaction(async (manager) => {
      const mapping = await manager.findOneBy(ShippingMappingEntity, { tenantId, connectionId, id });
      if (!mapping) throw new OrdersError('SHIPPING_MAPPING_NOT_FOUND', `No shipping mapping ${id}`);
      Object.assign(mapping, input);
      try {
        await manager.save(mapping);
      } catch {
        throw new OrdersError('SHIPPING_MAPPING_CONFLICT', `Service level ${input.serviceLevelCategory} is already mapped`);
      }
      return { mapping, released: await this.releaseHeld(manager, tenantId, connectionId) };
    });
  }

  async remove(tenantId: string, connectionId: string, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(ShippingMappingEntity).delete({ tenantId, connectionId, id });
    if (!result.affected) throw new OrdersError('SHIPPING_MAPPING_NOT_FOUND', `No shipping mapping ${id}`);
  }

  /** Imports the held-for-mapping orders of a connection that its mappings now cover. */
  private async releaseHeld(manager: EntityManager, tenantId: string, connectionId: string): Promise<number> {
    const mappings = await manager.findBy(ShippingMappingEntity, { tenantId, connectionId });
    const held = (await manager.query(
      `SELECT id, amazon_order_id, marketplace_id, purchased_at, service_level, shipping_text, total_minor, currency, fulfilled_by FROM ${T.orders}
        WHERE tenant_id = $1 AND connection_id = $2 AND state = 'HELD' AND hold_reason = 'MISSING_SHIPPING_MAPPING' AND amazon_status <> 'CANCELLED'
        ORDER BY amazon_order_id FOR UPDATE`,
      [tenantId, connectionId],
    )) as Array<{ id: string; amazon_order_id: string; marketplace_id: string; purchased_at: Date; service_level: string | null; shipping_text: string | null; total_minor: string | null; currency: string | null; fulfilled_by: string | null }>;
    const releasable = held
      .map((row) => ({ row, policy: findShippingPolicy({ serviceLevel: row.service_level, shippingText: row.shipping_text }, mappings) }))
      .filter((r): r is { row: (typeof held)[number]; policy: string } => r.policy !== null);
    if (!releasable.length) return 0;
    const now = this.clock.now();
    const ids = releasable.map((r) => r.row.id);
    for (const { row, policy } of releasable) {
      await manager.query(`UPDATE ${T.orders} SET state = 'IMPORTED', hold_reason = NULL, hold_detail = NULL, shipping_policy = $2, imported_at = $3, updated_at = now() WHERE id = $1`, [row.id, policy, now]);
    }
    const items = (await manager.query(
      `SELECT order_id, order_item_id, sku, product_code, quantity_ordered, quantity_cancelled, unit_price_minor, currency FROM ${T.items} WHERE order_id = ANY($1) ORDER BY order_item_id`,
      [ids],
    )) as Array<{ order_id: string; order_item_id: string; sku: string; product_code: string; quantity_ordered: number; quantity_cancelled: number; unit_price_minor: string | null; currency: string | null }>;
    const sources = ((await manager.query(`SELECT source_id FROM ${T.sources} WHERE tenant_id = $1 AND amazon_compliant ORDER BY source_id`, [tenantId])) as Array<{ source_id: string }>).map((s) => s.source_id);
    const correlationId = randomUUID();
    await appendToOutbox(
      manager,
      releasable.map(({ row, policy }) => ({
        definition: OrderImportedV1,
        data: {
          ...orderImportedData(
            { id: row.id, connectionId, amazonOrderId: row.amazon_order_id, marketplaceId: row.marketplace_id, purchasedAt: row.purchased_at, shippingPolicy: policy, totalMinor: row.total_minor === null ? null : Number(row.total_minor), currency: row.currency },
            items
              .filter((i) => i.order_id === row.id)
              .map((i) => ({ orderItemId: i.order_item_id, sku: i.sku, productCode: i.product_code, quantityOrdered: i.quantity_ordered, quantityCancelled: i.quantity_cancelled, unitPriceMinor: i.unit_price_minor === null ? null : Number(i.unit_price_minor), currency: i.currency })),
            sources,
          ),
          fulfilledBy: row.fulfilled_by === 'AMAZON' ? 'AMAZON' : 'MERCHANT',
        },
        context: { producer: 'orders', tenantId, connectionId, correlationId },
      })),
    );
    return releasable.length;
  }

  /** Parses a category written either way (`SecondDay` or `SECOND_DAY`). */
  static category(value: string): ServiceLevelCategory {
    const category = normaliseServiceLevel(value);
    if (!category) throw new OrdersError('INVALID_REQUEST', `Unknown ship service level category ${value}`);
    return category;
  }
}
