import { AuthModule, ConnectionsProjectionModule } from '@amazon-channel/platform-auth';
import { JobsModule, PlatformModule } from '@amazon-channel/platform-service';
import { MappingTemplatesModule } from '@amazon-channel/platform-templates';
import { Module, type DynamicModule } from '@nestjs/common';
import type { FulfillmentConfig } from './config/fulfillment.config';
import { FULFILLMENT_SERVICE } from './service';
import { ShipmentsModule, type FulfillmentPorts } from './shipments/shipments.module';

/** The fulfillment service. */
@Module({})
export class AppModule {
  static register(config: FulfillmentConfig, logDestination?: NodeJS.WritableStream, ports: FulfillmentPorts = {}): DynamicModule {
    const shipments = ShipmentsModule.register(config, ports);
    return {
      module: AppModule,
      imports: [
        AuthModule.forRoot(config),
        ConnectionsProjectionModule.forRoot({
          serviceName: FULFILLMENT_SERVICE.name,
          authConnectionsUrl: config.AUTH_CONNECTIONS_URL,
          internalToken: config.INTERNAL_API_TOKEN,
        }),
        PlatformModule.forService(FULFILLMENT_SERVICE, config, logDestination),
        // Sellers' sync-orders templates: /connections/:connectionId/templates/sync-orders.
        MappingTemplatesModule.forService({ operations: ['sync-orders'] }),
        shipments,
        JobsModule.forRoot({ imports: [shipments] }),
      ],
    };
  }
}
