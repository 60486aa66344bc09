import type { ConnectionSnapshot } from '@amazon-channel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConnectionProjectionEntity } from './connection-projection.entity';

/**
 * The only writer of the service's `connections` projection. A snapshot replaces the row only
 * when its revision is higher, so events applied twice, out of order, or racing the rebuild
 * converge on the newest state.
 */
@Injectable()
export class ConnectionsProjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies one snapshot (in `manager`'s transaction when given); true when it changed the row. */
  async apply(snapshot: ConnectionSnapshot, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ConnectionProjectionEntity)
      .values({
        id: snapshot.connectionId,
        tenantId: snapshot.tenantId,
        sellingPartnerId: snapshot.sellingPartnerId,
        region: snapshot.region,
        marketplaceId: snapshot.marketplaceId,
        status: snapshot.status,
        revision: snapshot.revision,
      })
      .orUpdate(['tenant_id', 'selling_partner_id', 'region', 'marketplace_id', 'status', 'revision', 'updated_at'], ['id'], {
        // Only a newer revision replaces the row (order tolerance).
        overwriteCondition: { where: 'connections.revision < EXCLUDED.revision' },
      })
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** The row of `id` whoever owns it (tombstones included), for consumers telling unknown from foreign. */
  findAny(id: string): Promise<ConnectionProjectionEntity | null> {
    return this.dataSource.getRepository(ConnectionProjectionEntity).findOneBy({ id });
  }

  /** The tenant's connection, unless it was deleted; null for another tenant's or an unknown id. */
  async findOwned(tenantId: string, id: string): Promise<ConnectionProjectionEntity | null> {
    const row = await this.dataSource.getRepository(ConnectionProjectionEntity).findOneBy({ id, tenantId });
    return row && row.status !== 'DELETED' ? row : null;
  }
}
