import { PlatformListingChangedV1, type Envelope } from '@amazon-channel/contracts';
import type { HandlerOutcome } from '@amazon-channel/platform-messaging';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PlatformListingsRepository } from './platform-listings.repository';

/** Learns the platform's listings from `PlatformListingChanged`, once per event. */
@Controller()
export class PlatformListingsConsumer {
  constructor(private readonly platformListings: PlatformListingsRepository) {}

  @EventPattern(PlatformListingChangedV1.topic)
  onPlatformListingChanged(@Payload() event: Envelope<PlatformListingChangedV1>): Promise<HandlerOutcome> {
    const key = { consumerGroup: 'listings', eventId: event.id, topic: PlatformListingChangedV1.topic, eventType: event.type };
    return this.platformListings.saveOnce(key, { tenantId: event.tenantId, ...event.data });
  }
}
