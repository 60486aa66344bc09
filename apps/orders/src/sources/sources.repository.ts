import { appendToOutbox, type PendingEvent } from '@amazon-channel/platform-persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SourceEntity } from './source.entity';

/** The only writer of `sources`. */
@Injectable()
export class SourcesRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(tenantId: string): Promise<SourceEntity[]> {
    return this.dataSource.getRepository(SourceEntity).find({ where: { tenantId }, order: { sourceId: 'ASC' } });
  }

  find(tenantId: string, sourceId: string): Promise<SourceEntity | null> {
    return this.dataSource.getRepository(SourceEntity).findOneBy({ tenantId, sourceId });
  }

  /**
   * Registers or updates a source and appends the events `announce` builds from the row as it was
   * (null when new), in one transaction.
   */
  async put(
    tenantId: string,
    sourceId: string,
    input: { name: string; amazonCompliant: boolean },
    announce: (before: SourceEntity | null) => PendingEvent[],
  ): Promise<SourceEntity> {
    return this.dataSource.transaction(async (tx) => {
      const before = await tx.findOne(SourceEntity, { where: { tenantId, sourceId }, lock: { mode: 'pessimistic_write' } });
      await tx.upsert(SourceEntity, { tenantId, sourceId, name: input.name, amazonCompliant: input.amazonCompliant }, ['tenantId', 'sourceId']);
      await appendToOutbox(tx, announce(before));
      return tx.findOneByOrFail(SourceEntity, { tenantId, sourceId });
    });
  }
}
