import type { EntityManager } from 'typeorm';
import type { ShippingMappingFacts } from './domain/shipping-policy';

/**
 * Port: releases the orders held for a missing shipping mapping that `mappings` now cover, inside
 * the transaction that changed the mappings (so a mapping and the orders it releases commit
 * together). Implemented by orders, which owns the order tables; shipping-mappings never imports it.
 */
export interface HeldOrdersRelease {
  /** @returns how many orders were released (each announced with OrderImported). */
  releaseCovered(tx: EntityManager, tenantId: string, connectionId: string, mappings: readonly ShippingMappingFacts[]): Promise<number>;
}

/** DI token of the {@link HeldOrdersRelease}. */
export const HELD_ORDERS_RELEASE = Symbol('HELD_ORDERS_RELEASE');
