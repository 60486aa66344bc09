import { PlatformModule } from '@amazon-channel/platform-service';
import { AuthModule, ConnectionsProjectionModule } from '@amazon-channel/platform-auth';
import { Module, type DynamicModule } from '@nestjs/common';
import { JobRunsModule } from './job-runs/job-runs.module';
import { SchedulesModule } from './schedules/schedules.module';
import { TickModule } from './tick/tick.module';
import type { SchedulerConfig } from './config/scheduler.config';
import { SCHEDULER_SERVICE } from './service';

/** The scheduler service. */
@Module({})
export class AppModule {
  static register(config: SchedulerConfig, logDestination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AuthModule.forRoot(config),
        ConnectionsProjectionModule.forRoot({
          serviceName: SCHEDULER_SERVICE.name,
          authConnectionsUrl: config.AUTH_CONNECTIONS_URL,
          internalToken: config.INTERNAL_API_TOKEN,
        }),
        PlatformModule.forService(SCHEDULER_SERVICE, config, logDestination),
        JobRunsModule,
        SchedulesModule,
        TickModule,
      ],
    };
  }
}
