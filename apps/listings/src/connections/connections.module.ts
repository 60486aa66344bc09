import { PLATFORM_CONFIG } from '@amazon-channel/platform-service';
import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListingsConfig } from '../config/listings.config';
import { CONNECTION_TOKEN_PROVIDER, type ConnectionTokenProvider } from './connection-token.provider';
import { HttpConnectionTokenProvider } from './http-connection-token.provider';
import { SpApiClients } from './sp-api-clients';

/** Access to Amazon per connection: tokens from auth-connections and shared SP-API clients. */
@Module({})
export class ConnectionsModule {
  /**
   * @param ports.connectionTokens - replaces the auth-connections HTTP client (tests and the
   *   benchmark pass an LWA-backed provider against the sandbox).
   */
  static register(ports: { connectionTokens?: ConnectionTokenProvider } = {}): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      providers: [
        ports.connectionTokens
          ? { provide: CONNECTION_TOKEN_PROVIDER, useValue: ports.connectionTokens }
          : {
              provide: CONNECTION_TOKEN_PROVIDER,
              useFactory: (config: ListingsConfig) => new HttpConnectionTokenProvider(config.AUTH_CONNECTIONS_URL, config.INTERNAL_API_TOKEN),
              inject: [PLATFORM_CONFIG],
            },
        {
          provide: SpApiClients,
          // Buckets in PostgreSQL: every replica of the service spends the same per-seller budget.
          useFactory: (config: ListingsConfig, dataSource: DataSource) => SpApiClients.withPostgresBuckets(dataSource, config.SP_API_ENDPOINT ?? null),
          inject: [PLATFORM_CONFIG, DataSource],
        },
      ],
      exports: [CONNECTION_TOKEN_PROVIDER, SpApiClients],
    };
  }
}
