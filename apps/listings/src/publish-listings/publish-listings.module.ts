import { AmazonConnections } from '@amazon-channel/platform-amazon';
import { PLATFORM_CONFIG } from '@amazon-channel/platform-service';
import { MappingTemplates } from '@amazon-channel/platform-templates';
import { Module } from '@nestjs/common';
import { ChannelListingsModule } from '../channel-listings/channel-listings.module';
import type { ListingsConfig } from '../config/listings.config';
import { JobRequestsModule } from '../job-requests/job-requests.module';
import { PlatformListingsRepository } from '../link-listings/platform-listings.repository';
import { PlatformPublishCandidates } from './publish-candidates';
import { PublishListingsController } from './publish-listings.controller';
import { PublishListingsHandler } from './publish-listings.handler';
import { PublishListingsRepository } from './publish-listings.repository';
import { PublishLookups } from './publish-lookups';

/** Publish Listings: the request and results endpoints and the job handler the JobRunner runs. */
@Module({
  imports: [ChannelListingsModule, JobRequestsModule],
  controllers: [PublishListingsController],
  providers: [
    PublishListingsRepository,
    PlatformListingsRepository,
    {
      provide: PublishListingsHandler,
      useFactory: (
        repo: PublishListingsRepository,
        platform: PlatformListingsRepository,
        templates: MappingTemplates,
        amazon: AmazonConnections,
        config: ListingsConfig,
      ) =>
        new PublishListingsHandler(repo, new PublishLookups(repo), new PlatformPublishCandidates(platform), templates, amazon, {
          feedPollMs: config.PUBLISH_FEED_POLL_MS,
          landingPollMs: config.PUBLISH_LANDING_POLL_MS,
          landingRounds: config.PUBLISH_LANDING_ROUNDS,
        }),
      inject: [PublishListingsRepository, PlatformListingsRepository, MappingTemplates, AmazonConnections, PLATFORM_CONFIG],
    },
  ],
  exports: [PublishListingsHandler],
})
export class PublishListingsModule {}
