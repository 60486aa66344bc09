import { PlatformListingChangedV1, type Envelope } from '@amazon-channel/contracts';
import { InboxTransaction, OncePerEvent } from '@amazon-channel/platform-messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { PlatformListingsRepository } from './platform-listings.repository';

/** Learns the platform's listings from `PlatformListingChanged`, once per event (the bus's inbox). */
@Controller()
export class PlatformListingsConsumer {
  constructor(private readonly platformListings: PlatformListingsRepository) {}

  @OncePerEvent(PlatformListingChangedV1)
  onPlatformListingChanged(@Payload() event: Envelope<PlatformListingChangedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    return this.platformListings.save({ tenantId: event.tenantId, ...event.data }, tx);
  }
}
