import { bootstrapService, type RunningService } from '@amazon-channel/platform-service';
import { AppModule } from './app.module';
import { loadAuthConnectionsConfig } from './config/auth-connections.config';

/** Starts auth-connections; `overrides` win over the environment. */
export async function startAuthConnections(overrides: Record<string, string> = {}, logDestination?: NodeJS.WritableStream): Promise<RunningService> {
  const config = loadAuthConnectionsConfig(overrides);
  return bootstrapService(AppModule.register(config, logDestination), config);
}
