import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ShippingMappingFacts } from './domain/shipping-policy';
import type { ShippingMappingInput } from './dto/shipping-mapping.dto';
import { ShippingMappingEntity } from './shipping-mapping.entity';
import { ShippingMappingsError } from './shipping-mappings.error';

/** Work to do in the transaction that changed a connection's mappings, given all of them. */
export type AfterMappingChange = (tx: EntityManager, mappings: readonly ShippingMappingFacts[]) => Promise<number>;

/** The only writer of `shipping_mappings`. */
@Injectable()
export class ShippingMappingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(tenantId: string, connectionId: string): Promise<ShippingMappingEntity[]> {
    return this.dataSource.getRepository(ShippingMappingEntity).find({ where: { tenantId, connectionId }, order: { serviceLevelCategory: 'ASC' } });
  }

  /** The mappings of a connection as order decisions need them. */
  async facts(tenantId: string, connectionId: string): Promise<ShippingMappingFacts[]> {
    return (await this.list(tenantId, connectionId)).map(({ channelShippingText, serviceLevelCategory, shippingPolicy }) => ({
      channelShippingText,
      serviceLevelCategory,
      shippingPolicy,
    }));
  }

  /** Creates a mapping (409 when its category is mapped already) and runs `after` in the same transaction. */
  async create(
    tenantId: string,
    connectionId: string,
    input: ShippingMappingInput,
    after: AfterMappingChange,
  ): Promise<{ mapping: ShippingMappingEntity; released: number }> {
    return this.dataSource.transaction(async (tx) => {
      const exists = await tx.findOneBy(ShippingMappingEntity, { tenantId, connectionId, serviceLevelCategory: input.serviceLevelCategory });
      if (exists)
        throw new ShippingMappingsError('SHIPPING_MAPPING_CONFLICT', `Service level ${input.serviceLevelCategory} is already mapped (mapping ${exists.id})`, {
          id: exists.id,
        });
      const mapping = tx.create(ShippingMappingEntity, { id: uuidv7(), tenantId, connectionId, ...input });
      await tx.insert(ShippingMappingEntity, mapping).catch(() => {
        throw new ShippingMappingsError('SHIPPING_MAPPING_CONFLICT', `Service level ${input.serviceLevelCategory} is already mapped`);
      });
      return { mapping, released: await after(tx, await tx.findBy(ShippingMappingEntity, { tenantId, connectionId })) };
    });
  }

  /** Replaces a mapping (404 / 409) and runs `after` in the same transaction. */
  async update(
    tenantId: string,
    connectionId: string,
    id: string,
    input: ShippingMappingInput,
    after: AfterMappingChange,
  ): Promise<{ mapping: ShippingMappingEntity; released: number }> {
    return this.dataSource.transaction(async (tx) => {
      const mapping = await tx.findOneBy(ShippingMappingEntity, { tenantId, connectionId, id });
      if (!mapping) throw new ShippingMappingsError('SHIPPING_MAPPING_NOT_FOUND', `No shipping mapping ${id}`);
      const taken = await tx.findOneBy(ShippingMappingEntity, { tenantId, connectionId, serviceLevelCategory: input.serviceLevelCategory });
      if (taken && taken.id !== id)
        throw new ShippingMappingsError('SHIPPING_MAPPING_CONFLICT', `Service level ${input.serviceLevelCategory} is already mapped (mapping ${taken.id})`, {
          id: taken.id,
        });
      Object.assign(mapping, input);
      // A concurrent change can still take the category between the check and the write.
      await tx.save(mapping).catch(() => {
        throw new ShippingMappingsError('SHIPPING_MAPPING_CONFLICT', `Service level ${input.serviceLevelCategory} is already mapped`);
      });
      return { mapping, released: await after(tx, await tx.findBy(ShippingMappingEntity, { tenantId, connectionId })) };
    });
  }

  async remove(tenantId: string, connectionId: string, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(ShippingMappingEntity).delete({ tenantId, connectionId, id });
    if (!result.affected) throw new ShippingMappingsError('SHIPPING_MAPPING_NOT_FOUND', `No shipping mapping ${id}`);
  }
}
