import { AuthModule, ConnectionsProjectionModule } from '@amazon-channel/platform-auth';
import { JobsModule, PlatformModule } from '@amazon-channel/platform-service';
import { Module, type DynamicModule } from '@nestjs/common';
import type { OrdersConfig } from './config/orders.config';
import { OrdersModule, type OrdersPorts } from './orders/orders.module';
import { ORDERS_SERVICE } from './service';

/** The orders service. */
@Module({})
export class AppModule {
  static register(config: OrdersConfig, logDestination?: NodeJS.WritableStream, ports: OrdersPorts = {}): DynamicModule {
    const orders = OrdersModule.register(config, ports);
    return {
      module: AppModule,
      imports: [
        AuthModule.forRoot(config),
        ConnectionsProjectionModule.forRoot({
          serviceName: ORDERS_SERVICE.name,
          authConnectionsUrl: config.AUTH_CONNECTIONS_URL,
          internalToken: config.INTERNAL_API_TOKEN,
        }),
        PlatformModule.forService(ORDERS_SERVICE, config, logDestination),
        orders,
        JobsModule.forRoot({ imports: [orders] }),
      ],
    };
  }
}
