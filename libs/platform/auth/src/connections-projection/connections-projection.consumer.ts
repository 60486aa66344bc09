import { ConnectionChangedV1, type Envelope } from '@amazon-channel/contracts';
import type { HandlerOutcome } from '@amazon-channel/platform-messaging';
import { applyOnce } from '@amazon-channel/platform-persistence';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { ConnectionsProjectionRepository } from './connections-projection.repository';
import { CONNECTIONS_PROJECTION_OPTIONS, type ConnectionsProjectionOptions } from './connections-projection.options';

/** Keeps the projection current from auth-connections' ConnectionChanged, once per event (inbox). */
@Controller()
export class ConnectionsProjectionConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: ConnectionsProjectionRepository,
    @Inject(CONNECTIONS_PROJECTION_OPTIONS) private readonly options: ConnectionsProjectionOptions,
  ) {}

  @EventPattern(ConnectionChangedV1.topic)
  onConnectionChanged(@Payload() event: Envelope<ConnectionChangedV1>): Promise<HandlerOutcome> {
    const key = { consumerGroup: this.options.serviceName, eventId: event.id, topic: ConnectionChangedV1.topic, eventType: event.type };
    return applyOnce(this.dataSource, key, async (manager) => {
      await this.projection.apply(event.data, manager);
    });
  }
}
