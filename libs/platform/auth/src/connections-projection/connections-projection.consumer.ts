import { ConnectionChangedV1, type Envelope } from '@amazon-channel/contracts';
import { InboxTransaction, OncePerEvent } from '@amazon-channel/platform-messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { ConnectionsProjectionRepository } from './connections-projection.repository';

/** Keeps the projection current from auth-connections' ConnectionChanged, once per event (the bus's inbox). */
@Controller()
export class ConnectionsProjectionConsumer {
  constructor(private readonly projection: ConnectionsProjectionRepository) {}

  @OncePerEvent(ConnectionChangedV1)
  async onConnectionChanged(@Payload() event: Envelope<ConnectionChangedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    await this.projection.apply(event.data, tx);
  }
}
