import { JobsModule, PlatformModule } from '@amazon-channel/platform-service';
import { AuthModule } from '@amazon-channel/platform-auth';
import { Module, type DynamicModule } from '@nestjs/common';
import type { FulfillmentConfig } from './config/fulfillment.config';
import { FULFILLMENT_SERVICE } from './service';

/** The fulfillment service. */
@Module({})
export class AppModule {
  static register(config: FulfillmentConfig, logDestination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: AppModule,
      imports: [AuthModule.forRoot(config), PlatformModule.forService(FULFILLMENT_SERVICE, config, logDestination), JobsModule],
    };
  }
}
