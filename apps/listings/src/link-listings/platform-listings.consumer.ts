import { PlatformListingChangedV1, type Envelope } from '@amazon-channel/contracts';
import { ConnectionOwnership } from '@amazon-channel/platform-auth';
import { InboxTransaction, OncePerEvent, PermanentError, TransientError } from '@amazon-channel/platform-messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { PlatformListingsRepository } from './platform-listings.repository';

/** Learns the platform's listings (desired state) from `PlatformListingChanged`, once per event (the bus's inbox), for the event's tenant's connections only. */
@Controller()
export class PlatformListingsConsumer {
  constructor(
    private readonly platformListings: PlatformListingsRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @OncePerEvent(PlatformListingChangedV1)
  async onPlatformListingChanged(@Payload() event: Envelope<PlatformListingChangedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    const verdict = await this.ownership.verdict(event.tenantId, event.data.connectionId);
    // A connection not projected yet may still be on its way (retried); another tenant's is refused for good.
    if (verdict === 'UNKNOWN') throw new TransientError('CONNECTION_NOT_PROJECTED', `Connection ${event.data.connectionId} is not known here yet`);
    if (verdict === 'NOT_OWNED') throw new PermanentError('CONNECTION_NOT_OWNED', `Connection ${event.data.connectionId} is not the event tenant's`);
    await this.platformListings.save({ tenantId: event.tenantId, ...event.data }, tx);
  }
}
