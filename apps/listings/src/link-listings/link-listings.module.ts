import { Module } from '@nestjs/common';
import { ChannelListingsModule } from '../channel-listings/channel-listings.module';
import { CONNECTION_TOKEN_PROVIDER, type ConnectionTokenProvider } from '../connections/connection-token.provider';
import { SpApiClients } from '../connections/sp-api-clients';
import { JobRequestsModule } from '../job-requests/job-requests.module';
import { LinkActionsService } from './link-actions.service';
import { LinkListingsController } from './link-listings.controller';
import { LinkListingsHandler } from './link-listings.handler';
import { LinkListingsRepository } from './link-listings.repository';
import { ListingLinker } from './listing-linker';
import { PlatformListingsConsumer } from './platform-listings.consumer';
import { PlatformListingsRepository } from './platform-listings.repository';

/** Link Listings: platform listings, the job handler, and link / unlink / relink actions. */
@Module({
  imports: [ChannelListingsModule, JobRequestsModule],
  controllers: [LinkListingsController, PlatformListingsConsumer],
  providers: [
    PlatformListingsRepository,
    LinkListingsRepository,
    LinkActionsService,
    { provide: ListingLinker, useValue: new ListingLinker() },
    {
      provide: LinkListingsHandler,
      useFactory: (links: LinkListingsRepository, linker: ListingLinker, tokens: ConnectionTokenProvider, clients: SpApiClients) => new LinkListingsHandler(links, linker, tokens, clients),
      inject: [LinkListingsRepository, ListingLinker, CONNECTION_TOKEN_PROVIDER, SpApiClients],
    },
  ],
  exports: [LinkListingsHandler],
})
export class LinkListingsModule {}
