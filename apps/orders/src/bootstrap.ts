import { bootstrapService, type RunningService } from '@amazon-channel/platform-service';
import { AppModule } from './app.module';
import { loadOrdersConfig } from './config/orders.config';
import type { OrdersPorts } from './orders/orders.module';

/**
 * Starts orders; `overrides` win over the environment. `ports` replace the connection grants
 * (tests mint tokens from the sandbox's LWA) and the clock (retention tests move time).
 */
export async function startOrders(
  overrides: Record<string, string> = {},
  logDestination?: NodeJS.WritableStream,
  ports: OrdersPorts = {},
): Promise<RunningService> {
  const config = loadOrdersConfig(overrides);
  return bootstrapService(AppModule.register(config, logDestination, ports), config);
}
