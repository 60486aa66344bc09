import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { InboxMessageEntity } from './entities/inbox-message.entity';
import { OutboxEventEntity } from './entities/outbox-event.entity';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** What a service states about its database. */
export interface ServiceDataSourceSettings {
  url: string;
  /** The service's own Postgres schema (`orders`, `listings`, ...). */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/** Platform tables every service has in its schema: the outbox and the inbox. */
export const PLATFORM_ENTITIES = [OutboxEventEntity, InboxMessageEntity];

/**
 * TypeORM options for one service: its own schema and migrations table, snake_case names,
 * never `synchronize` (migrations are a separate step), short connection timeouts so readiness
 * reports a missing database quickly.
 */
export function serviceDataSourceOptions(settings: ServiceDataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    entities: [...(settings.entities as unknown[]), ...PLATFORM_ENTITIES] as DataSourceOptions['entities'],
    migrations: settings.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: settings.poolSize ?? 10, connectionTimeoutMillis: 3000 },
  };
}

/** A DataSource for one service (not yet initialized). */
export function createServiceDataSource(settings: ServiceDataSourceSettings): DataSource {
  return new DataSource(serviceDataSourceOptions(settings));
}

/** Quotes an identifier for SQL written by hand (schemas and tables come from configuration). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
