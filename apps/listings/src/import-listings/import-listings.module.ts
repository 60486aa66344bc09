import { PLATFORM_CONFIG } from '@amazon-channel/platform-service';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelListingsModule } from '../channel-listings/channel-listings.module';
import { ChannelListingsRepository } from '../channel-listings/channel-listings.repository';
import type { ListingsConfig } from '../config/listings.config';
import { CONNECTION_TOKEN_PROVIDER, type ConnectionTokenProvider } from '../connections/connection-token.provider';
import { SpApiClients } from '../connections/sp-api-clients';
import { JobRequestsModule } from '../job-requests/job-requests.module';
import { ImportListingsController } from './import-listings.controller';
import { ImportListingsHandler } from './import-listings.handler';

/** Import Listings: the request endpoint and the job handler the JobRunner runs. */
@Module({
  imports: [ChannelListingsModule, JobRequestsModule],
  controllers: [ImportListingsController],
  providers: [
    {
      provide: ImportListingsHandler,
      useFactory: (dataSource: DataSource, listings: ChannelListingsRepository, tokens: ConnectionTokenProvider, clients: SpApiClients, config: ListingsConfig) =>
        new ImportListingsHandler(dataSource, listings, tokens, clients, { batchSize: config.IMPORT_BATCH_SIZE, reportPollMs: config.IMPORT_REPORT_POLL_MS }),
      inject: [DataSource, ChannelListingsRepository, CONNECTION_TOKEN_PROVIDER, SpApiClients, PLATFORM_CONFIG],
    },
  ],
  exports: [ImportListingsHandler],
})
export class ImportListingsModule {}
