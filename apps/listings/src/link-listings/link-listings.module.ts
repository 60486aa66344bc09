import { AmazonConnections } from '@amazon-channel/platform-amazon';
import { Module } from '@nestjs/common';
import { ChannelListingsModule } from '../channel-listings/channel-listings.module';
import { JobRequestsModule } from '../job-requests/job-requests.module';
import { LinkActionsService } from './link-actions.service';
import { LinkListingsController } from './link-listings.controller';
import { LinkListingsHandler } from './link-listings.handler';
import { LinkListingsRepository } from './link-listings.repository';
import { ListingLinker } from './listing-linker';
import { PlatformListingsConsumer } from './platform-listings.consumer';
import { PlatformListingsRepository } from './platform-listings.repository';
import { PlatformListingsService } from './platform-listings.service';

/** Link Listings: platform listings, the job handler, and link / unlink / relink actions. */
@Module({
  imports: [ChannelListingsModule, JobRequestsModule],
  controllers: [LinkListingsController, PlatformListingsConsumer],
  providers: [
    PlatformListingsRepository,
    PlatformListingsService,
    LinkListingsRepository,
    LinkActionsService,
    { provide: ListingLinker, useValue: new ListingLinker() },
    {
      provide: LinkListingsHandler,
      useFactory: (links: LinkListingsRepository, linker: ListingLinker, amazon: AmazonConnections) => new LinkListingsHandler(links, linker, amazon),
      inject: [LinkListingsRepository, ListingLinker, AmazonConnections],
    },
  ],
  exports: [LinkListingsHandler, PlatformListingsRepository, PlatformListingsService],
})
export class LinkListingsModule {}
