import { bootstrapService, type RunningService } from '@amazon-channel/platform-service';
import { AppModule, type ListingsPorts } from './app.module';
import { loadListingsConfig } from './config/listings.config';

/** Starts listings; `overrides` win over the environment; `ports` replace adapters (tests, benchmark). */
export async function startListings(
  overrides: Record<string, string> = {},
  logDestination?: NodeJS.WritableStream,
  ports: ListingsPorts = {},
): Promise<RunningService> {
  const config = loadListingsConfig(overrides);
  return bootstrapService(AppModule.register(config, logDestination, ports), config);
}
