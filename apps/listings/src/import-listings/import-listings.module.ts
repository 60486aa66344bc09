import { AmazonConnections } from '@amazon-channel/platform-amazon';
import { PLATFORM_CONFIG } from '@amazon-channel/platform-service';
import { Module } from '@nestjs/common';
import { ChannelListingsModule } from '../channel-listings/channel-listings.module';
import type { ListingsConfig } from '../config/listings.config';
import { JobRequestsModule } from '../job-requests/job-requests.module';
import { ImportListingsController } from './import-listings.controller';
import { ImportListingsHandler } from './import-listings.handler';
import { ImportListingsRepository } from './import-listings.repository';

/** Import Listings: the request endpoint and the job handler the JobRunner runs. */
@Module({
  imports: [ChannelListingsModule, JobRequestsModule],
  controllers: [ImportListingsController],
  providers: [
    ImportListingsRepository,
    {
      provide: ImportListingsHandler,
      useFactory: (store: ImportListingsRepository, amazon: AmazonConnections, config: ListingsConfig) =>
        new ImportListingsHandler(store, amazon, { batchSize: config.IMPORT_BATCH_SIZE, reportPollMs: config.IMPORT_REPORT_POLL_MS }),
      inject: [ImportListingsRepository, AmazonConnections, PLATFORM_CONFIG],
    },
  ],
  exports: [ImportListingsHandler],
})
export class ImportListingsModule {}
