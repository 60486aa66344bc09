import { SourceComplianceChangedV1 } from '@amazon-channel/contracts';
import { appendToOutbox } from '@amazon-channel/platform-persistence';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock';
import { SourceEntity } from './source.entity';

/** Sources of a tenant and their Amazon compliance flag; a registration or flag change is announced. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(tenantId: string): Promise<SourceEntity[]> {
    return this.dataSource.getRepository(SourceEntity).find({ where: { tenantId }, order: { sourceId: 'ASC' } });
  }

  /** Registers or updates a source; emits SourceComplianceChanged (same transaction) when it is new or changed. */
  async put(tenantId: string, sourceId: string, input: { name: string; amazonCompliant: boolean }): Promise<SourceEntity> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(SourceEntity, { where: { tenantId, sourceId }, lock: { mode: 'pessimistic_write' } });
      await manager.upsert(SourceEntity, { tenantId, sourceId, name: input.name, amazonCompliant: input.amazonCompliant }, ['tenantId', 'sourceId']);
      if (!before || before.amazonCompliant !== input.amazonCompliant || before.name !== input.name) {
        await appendToOutbox(manager, [
          {
            definition: SourceComplianceChangedV1,
            data: { sourceId, name: input.name, amazonCompliant: input.amazonCompliant, changedAt: this.clock.now().toISOString() },
            context: { producer: 'orders', tenantId, correlationId: randomUUID() },
          },
        ]);
      }
      return manager.findOneByOrFail(SourceEntity, { tenantId, sourceId });
    });
  }
}
