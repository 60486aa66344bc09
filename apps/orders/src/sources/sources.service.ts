import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock/clock';
import type { SourceEntity } from './source.entity';
import { sourceEvents } from './source-events';
import { SourcesRepository } from './sources.repository';

/** Sources of a tenant and their Amazon compliance flag; a registration or flag change is announced. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly sources: SourcesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(tenantId: string): Promise<SourceEntity[]> {
    return this.sources.list(tenantId);
  }

  /** Registers or updates a source; emits SourceComplianceChanged (same transaction) when it is new or changed. */
  put(tenantId: string, sourceId: string, input: { name: string; amazonCompliant: boolean }): Promise<SourceEntity> {
    return this.sources.put(tenantId, sourceId, input, (before) => sourceEvents(tenantId, sourceId, before, input, this.clock.now()));
  }
}
