import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ConnectionProjectionEntity } from '@amazon-channel/platform-auth';
import type { StoredTiming } from './domain/schedule-plan';
import { ScheduleEntity } from './entities/schedule.entity';

const UNIQUE_VIOLATION = '23505';

/** A schedule with its connection's projected status (null when the connection is unknown here). */
export interface ScheduleWithConnection {
  schedule: ScheduleEntity;
  connectionStatus: string | null;
}

/** The tenants' schedules (the tick moves their due times; see TickRepository). */
@Injectable()
export class SchedulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** @returns the new schedule, or null when the connection already has one for the operation. */
  async create(tenantId: string, connectionId: string, operation: string, timing: StoredTiming): Promise<ScheduleEntity | null> {
    const row = this.dataSource.getRepository(ScheduleEntity).create({
      id: uuidv7(),
      tenantId,
      connectionId,
      operation,
      ...timing,
      system: false,
      lastSlotAt: null,
      lastRunId: null,
    });
    try {
      await this.dataSource.getRepository(ScheduleEntity).insert(row);
      return this.dataSource.getRepository(ScheduleEntity).findOneByOrFail({ id: row.id });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  /** The schedule of this connection and operation (for the 409's pointer). */
  findByOperation(tenantId: string, connectionId: string, operation: string): Promise<ScheduleEntity | null> {
    return this.dataSource.getRepository(ScheduleEntity).findOneBy({ tenantId, connectionId, operation, system: false });
  }

  /** The tenant's schedules (of one connection when given), with their connections' status. */
  list(tenantId: string, connectionId?: string): Promise<ScheduleWithConnection[]> {
    return this.select(tenantId, connectionId !== undefined ? { connectionId } : {});
  }

  /** One of the tenant's schedules, with its connection's status; null for another tenant's or an unknown id. */
  async find(tenantId: string, id: string): Promise<ScheduleWithConnection | null> {
    const [found] = await this.select(tenantId, { id });
    return found ?? null;
  }

  private async select(tenantId: string, filter: { connectionId?: string; id?: string }): Promise<ScheduleWithConnection[]> {
    const query = this.dataSource
      .getRepository(ScheduleEntity)
      .createQueryBuilder('s')
      .leftJoin(ConnectionProjectionEntity, 'c', 'c.id = s.connection_id')
      .addSelect('c.status', 'connection_status')
      .where('s.tenant_id = :tenantId AND NOT s.system', { tenantId })
      .orderBy('s.connection_id')
      .addOrderBy('s.operation');
    if (filter.connectionId !== undefined) query.andWhere('s.connection_id = :connectionId', { connectionId: filter.connectionId });
    if (filter.id !== undefined) query.andWhere('s.id = :id', { id: filter.id });
    const { entities, raw } = await query.getRawAndEntities<{ connection_status: string | null }>();
    return entities.map((schedule, i) => ({ schedule, connectionStatus: raw[i]?.connection_status ?? null }));
  }

  /** Writes an update planned from `schedule`'s stored timing; false when it vanished meanwhile. */
  async update(tenantId: string, id: string, timing: StoredTiming): Promise<boolean> {
    const result = await this.dataSource.getRepository(ScheduleEntity).update({ id, tenantId, system: false }, timing);
    return (result.affected ?? 0) > 0;
  }

  /** @returns false when the tenant has no such schedule. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(ScheduleEntity).delete({ id, tenantId, system: false });
    return (result.affected ?? 0) > 0;
  }
}
