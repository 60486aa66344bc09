import { rowsQuery } from '@amazon-channel/platform-persistence';
import { PostgresRateLimitStore, type SpApiObserver } from '@amazon-channel/sp-api';
import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AmazonConnections } from './amazon-connections';
import { AuthConnectionsGrants } from './auth-connections.grants';
import { CONNECTION_GRANTS, type ConnectionGrants } from './connection-grants';
import { combineObservers, createSpApiMetricsObserver } from './sp-api-metrics';

/** What {@link AmazonModule.register} needs. */
export interface AmazonModuleOptions {
  /** The service's PostgreSQL schema: its `sp_api_rate_limit_bucket` table holds the shared budget. */
  schema: string;
  /** Reads the service's validated configuration (resolved from `inject`). */
  config: { AUTH_CONNECTIONS_URL: string; INTERNAL_API_TOKEN: string; SP_API_ENDPOINT?: string | null };
  /** Replaces auth-connections (tests and benchmarks pass {@link LwaGrants} against the sandbox). */
  grants?: ConnectionGrants;
  observer?: SpApiObserver;
}

/**
 * Provides {@link AmazonConnections} to a service: grants from auth-connections (or the given port)
 * and SP-API clients whose buckets live in the service's schema, so every replica spends one
 * budget per seller account.
 */
@Module({})
export class AmazonModule {
  /**
   * @param configToken - DI token of the service's validated configuration (`PLATFORM_CONFIG`).
   * @param options - schema, optional grants port, observer; `config` is read from the token.
   */
  static register(configToken: symbol | string, options: Omit<AmazonModuleOptions, 'config'>): DynamicModule {
    return {
      module: AmazonModule,
      global: true,
      providers: [
        {
          provide: CONNECTION_GRANTS,
          useFactory: (config: AmazonModuleOptions['config']) =>
            options.grants ?? new AuthConnectionsGrants({ baseUrl: config.AUTH_CONNECTIONS_URL, internalToken: config.INTERNAL_API_TOKEN }),
          inject: [configToken],
        },
        {
          provide: AmazonConnections,
          useFactory: (config: AmazonModuleOptions['config'], grants: ConnectionGrants, dataSource: DataSource) =>
            new AmazonConnections(grants, {
              endpointOverride: config.SP_API_ENDPOINT ?? null,
              rateLimitStore: new PostgresRateLimitStore(rowsQuery(dataSource), { schema: options.schema }),
              // Every service's calls reach its /metrics; a service's or test's own observer sees them too.
              observer: combineObservers(createSpApiMetricsObserver(), options.observer),
            }),
          inject: [configToken, CONNECTION_GRANTS, DataSource],
        },
      ],
      exports: [CONNECTION_GRANTS, AmazonConnections],
    };
  }
}
