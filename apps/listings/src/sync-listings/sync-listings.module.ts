import { AmazonConnections } from '@amazon-channel/platform-amazon';
import { PLATFORM_CONFIG } from '@amazon-channel/platform-service';
import { MappingTemplates } from '@amazon-channel/platform-templates';
import { Module } from '@nestjs/common';
import type { ListingsConfig } from '../config/listings.config';
import { JobRequestsModule } from '../job-requests/job-requests.module';
import { LandingConfirmation } from '../landing/landing-confirmation';
import { DEFAULT_SYNC_OPTIONS, SyncListingsHandler } from './sync-listings.handler';
import { SyncListingsController } from './sync-listings.controller';
import { SyncStateRepository } from './sync-state.repository';

/** Sync Listings: the job (bulk lane), landing confirmation, the connection's sync settings. */
@Module({
  imports: [JobRequestsModule],
  controllers: [SyncListingsController],
  providers: [
    SyncStateRepository,
    { provide: LandingConfirmation, useFactory: (sync: SyncStateRepository) => new LandingConfirmation(sync), inject: [SyncStateRepository] },
    {
      provide: SyncListingsHandler,
      useFactory: (sync: SyncStateRepository, amazon: AmazonConnections, templates: MappingTemplates, landing: LandingConfirmation, config: ListingsConfig) =>
        new SyncListingsHandler(sync, amazon, templates, landing, {
          ...DEFAULT_SYNC_OPTIONS,
          feedPollMs: config.SYNC_FEED_POLL_MS,
          feedStuckAfterMs: config.SYNC_FEED_STUCK_AFTER_MS,
          landingPollMs: config.SYNC_LANDING_POLL_MS,
          landingTimeoutMs: config.SYNC_LANDING_TIMEOUT_MS,
        }),
      inject: [SyncStateRepository, AmazonConnections, MappingTemplates, LandingConfirmation, PLATFORM_CONFIG],
    },
  ],
  exports: [SyncListingsHandler, SyncStateRepository],
})
export class SyncListingsModule {}
