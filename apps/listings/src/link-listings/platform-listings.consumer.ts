import { PlatformListingChangedV1, type Envelope } from '@amazon-channel/contracts';
import { ConnectionOwnership } from '@amazon-channel/platform-auth';
import { PermanentError, TransientError, type HandlerOutcome } from '@amazon-channel/platform-messaging';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PlatformListingsRepository } from './platform-listings.repository';

/** Learns the platform's listings (desired state) from `PlatformListingChanged`, once per event, for the event's tenant's connections only. */
@Controller()
export class PlatformListingsConsumer {
  constructor(
    private readonly platformListings: PlatformListingsRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @EventPattern(PlatformListingChangedV1.topic)
  async onPlatformListingChanged(@Payload() event: Envelope<PlatformListingChangedV1>): Promise<HandlerOutcome> {
    const verdict = await this.ownership.verdict(event.tenantId, event.data.connectionId);
    // A connection not projected yet may still be on its way (retried); another tenant's is refused for good.
    if (verdict === 'UNKNOWN') throw new TransientError('CONNECTION_NOT_PROJECTED', `Connection ${event.data.connectionId} is not known here yet`);
    if (verdict === 'NOT_OWNED') throw new PermanentError('CONNECTION_NOT_OWNED', `Connection ${event.data.connectionId} is not the event tenant's`);
    const key = { consumerGroup: 'listings', eventId: event.id, topic: PlatformListingChangedV1.topic, eventType: event.type };
    return this.platformListings.saveOnce(key, { tenantId: event.tenantId, ...event.data });
  }
}
