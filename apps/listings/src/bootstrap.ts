import { bootstrapService, type RunningService } from '@amazon-channel/platform-service';
import { AppModule } from './app.module';
import { loadListingsConfig } from './config/listings.config';

/** Starts listings; `overrides` win over the environment. */
export async function startListings(overrides: Record<string, string> = {}, logDestination?: NodeJS.WritableStream): Promise<RunningService> {
  const config = loadListingsConfig(overrides);
  return bootstrapService(AppModule.register(config, logDestination), config);
}
