import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrderSettingsEntity } from './entities/order-settings.entity';

/** The only writer of `order_settings`. */
@Injectable()
export class OrderSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The settings row of a connection, whatever its tenant (to tell "not yours" from "not set"). */
  findByConnection(connectionId: string): Promise<OrderSettingsEntity | null> {
    return this.dataSource.getRepository(OrderSettingsEntity).findOneBy({ connectionId });
  }

  find(tenantId: string, connectionId: string): Promise<OrderSettingsEntity | null> {
    return this.dataSource.getRepository(OrderSettingsEntity).findOneBy({ tenantId, connectionId });
  }

  async save(row: Omit<OrderSettingsEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.dataSource.getRepository(OrderSettingsEntity).upsert(row, ['connectionId']);
  }
}
