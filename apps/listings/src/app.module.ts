import { AmazonModule, type ConnectionGrants } from '@amazon-channel/platform-amazon';
import { AuthModule, ConnectionsProjectionModule } from '@amazon-channel/platform-auth';
import { JobsModule, PLATFORM_CONFIG, PlatformModule } from '@amazon-channel/platform-service';
import { MappingTemplatesModule } from '@amazon-channel/platform-templates';
import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelListingsModule } from './channel-listings/channel-listings.module';
import type { ListingsConfig } from './config/listings.config';
import { ListingJobsModule } from './listing-jobs.module';
import { LISTINGS_SERVICE } from './service';
import { LISTINGS_SCHEMA } from './service-schema';

/** Ports a caller may replace (tests, the benchmark). */
export interface ListingsPorts {
  /** Replaces auth-connections (tests and the benchmark pass LwaGrants against the sandbox). */
  grants?: ConnectionGrants;
}

/** The listings service. */
@Module({})
export class AppModule {
  static register(config: ListingsConfig, logDestination?: NodeJS.WritableStream, ports: ListingsPorts = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AuthModule.forRoot(config),
        ConnectionsProjectionModule.forRoot({
          serviceName: LISTINGS_SERVICE.name,
          authConnectionsUrl: config.AUTH_CONNECTIONS_URL,
          internalToken: config.INTERNAL_API_TOKEN,
        }),
        PlatformModule.forService(LISTINGS_SERVICE, config, logDestination),
        AmazonModule.register(PLATFORM_CONFIG, { schema: LISTINGS_SCHEMA, grants: ports.grants }),
        ChannelListingsModule,
        // Templates of the listing operations (GET/PUT/DELETE /connections/:connectionId/templates/:operation, preview).
        MappingTemplatesModule.forService({ operations: ['publish-listings', 'sync-listings'] }),
        JobsModule.forRoot({ imports: [ListingJobsModule] }),
      ],
    };
  }
}
