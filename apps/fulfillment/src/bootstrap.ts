import { bootstrapService, type RunningService } from '@amazon-channel/platform-service';
import { AppModule } from './app.module';
import { loadFulfillmentConfig } from './config/fulfillment.config';

/** Starts fulfillment; `overrides` win over the environment. */
export async function startFulfillment(overrides: Record<string, string> = {}, logDestination?: NodeJS.WritableStream): Promise<RunningService> {
  const config = loadFulfillmentConfig(overrides);
  return bootstrapService(AppModule.register(config, logDestination), config);
}
