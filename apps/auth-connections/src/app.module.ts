import { AuthModule } from '@amazon-channel/platform-auth';
import { PlatformModule } from '@amazon-channel/platform-service';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AuthConnectionsConfig } from './config/auth-connections.config';
import { ConnectionsModule } from './connections/connections.module';
import { AUTH_CONNECTIONS_SERVICE } from './service';

/** The auth-connections service. */
@Module({})
export class AppModule {
  static register(config: AuthConnectionsConfig, logDestination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: AppModule,
      imports: [AuthModule.forRoot(config), PlatformModule.forService(AUTH_CONNECTIONS_SERVICE, config, logDestination), ConnectionsModule.register(config)],
    };
  }
}
