import { bootstrapService, type RunningService } from '@amazon-channel/platform-service';
import { AppModule } from './app.module';
import { loadOrdersConfig } from './config/orders.config';

/** Starts orders; `overrides` win over the environment. */
export async function startOrders(overrides: Record<string, string> = {}, logDestination?: NodeJS.WritableStream): Promise<RunningService> {
  const config = loadOrdersConfig(overrides);
  return bootstrapService(AppModule.register(config, logDestination), config);
}
