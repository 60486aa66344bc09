import { Inject, Injectable } from '@nestjs/common';
import type { ShippingMappingInput } from './dto/shipping-mapping.dto';
import { HELD_ORDERS_RELEASE, type HeldOrdersRelease } from './held-orders.port';
import type { ShippingMappingEntity } from './shipping-mapping.entity';
import { ShippingMappingsRepository } from './shipping-mappings.repository';

/**
 * Shipping mappings of a connection. Creating or changing one releases, in the same transaction,
 * the orders held for a missing mapping that it now covers (OrderImported for each).
 */
@Injectable()
export class ShippingMappingsService {
  constructor(
    private readonly mappings: ShippingMappingsRepository,
    @Inject(HELD_ORDERS_RELEASE) private readonly heldOrders: HeldOrdersRelease,
  ) {}

  list(tenantId: string, connectionId: string): Promise<ShippingMappingEntity[]> {
    return this.mappings.list(tenantId, connectionId);
  }

  create(tenantId: string, connectionId: string, input: ShippingMappingInput): Promise<{ mapping: ShippingMappingEntity; released: number }> {
    return this.mappings.create(tenantId, connectionId, input, (tx, all) => this.heldOrders.releaseCovered(tx, tenantId, connectionId, all));
  }

  update(tenantId: string, connectionId: string, id: string, input: ShippingMappingInput): Promise<{ mapping: ShippingMappingEntity; released: number }> {
    return this.mappings.update(tenantId, connectionId, id, input, (tx, all) => this.heldOrders.releaseCovered(tx, tenantId, connectionId, all));
  }

  remove(tenantId: string, connectionId: string, id: string): Promise<void> {
    return this.mappings.remove(tenantId, connectionId, id);
  }
}
