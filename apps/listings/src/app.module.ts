import { JobsModule, PlatformModule } from '@amazon-channel/platform-service';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ListingsConfig } from './config/listings.config';
import { LISTINGS_SERVICE } from './service';

/** The listings service. */
@Module({})
export class AppModule {
  static register(config: ListingsConfig, logDestination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService(LISTINGS_SERVICE, config, logDestination), JobsModule],
    };
  }
}
