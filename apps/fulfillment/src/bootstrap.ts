import { bootstrapService, type RunningService } from '@amazon-channel/platform-service';
import { AppModule } from './app.module';
import { loadFulfillmentConfig } from './config/fulfillment.config';
import type { FulfillmentPorts } from './shipments/shipments.module';

/** Starts fulfillment; `overrides` win over the environment; `ports` replace auth-connections (tests, bench). */
export async function startFulfillment(
  overrides: Record<string, string> = {},
  logDestination?: NodeJS.WritableStream,
  ports: FulfillmentPorts = {},
): Promise<RunningService> {
  const config = loadFulfillmentConfig(overrides);
  return bootstrapService(AppModule.register(config, logDestination, ports), config);
}
