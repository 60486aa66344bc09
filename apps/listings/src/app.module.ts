import { AuthModule, ConnectionsProjectionModule } from '@amazon-channel/platform-auth';
import { JobsModule, PlatformModule } from '@amazon-channel/platform-service';
import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelListingsModule } from './channel-listings/channel-listings.module';
import type { ListingsConfig } from './config/listings.config';
import type { ConnectionTokenProvider } from './connections/connection-token.provider';
import { ConnectionsModule } from './connections/connections.module';
import { ListingJobsModule } from './listing-jobs.module';
import { LISTINGS_SERVICE } from './service';

/** Ports a caller may replace (tests, the benchmark). */
export interface ListingsPorts {
  connectionTokens?: ConnectionTokenProvider;
}

/** The listings service. */
@Module({})
export class AppModule {
  static register(config: ListingsConfig, logDestination?: NodeJS.WritableStream, ports: ListingsPorts = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AuthModule.forRoot(config),
        ConnectionsProjectionModule.forRoot({ serviceName: LISTINGS_SERVICE.name, authConnectionsUrl: config.AUTH_CONNECTIONS_URL, internalToken: config.INTERNAL_API_TOKEN }),
        PlatformModule.forService(LISTINGS_SERVICE, config, logDestination),
        ConnectionsModule.register(ports),
        ChannelListingsModule,
        JobsModule.forRoot({ imports: [ListingJobsModule] }),
      ],
    };
  }
}
