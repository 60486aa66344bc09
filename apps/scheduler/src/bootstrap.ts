import { bootstrapService, type RunningService } from '@amazon-channel/platform-service';
import { AppModule } from './app.module';
import { loadSchedulerConfig } from './config/scheduler.config';

/** Starts scheduler; `overrides` win over the environment. */
export async function startScheduler(overrides: Record<string, string> = {}, logDestination?: NodeJS.WritableStream): Promise<RunningService> {
  const config = loadSchedulerConfig(overrides);
  return bootstrapService(AppModule.register(config, logDestination), config);
}
