import { JobsModule, PlatformModule } from '@amazon-channel/platform-service';
import { Module, type DynamicModule } from '@nestjs/common';
import type { OrdersConfig } from './config/orders.config';
import { ORDERS_SERVICE } from './service';

/** The orders service. */
@Module({})
export class AppModule {
  static register(config: OrdersConfig, logDestination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService(ORDERS_SERVICE, config, logDestination), JobsModule],
    };
  }
}
