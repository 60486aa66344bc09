import type { MixedList, EntitySchema } from 'typeorm';

/** What a service tells the platform about itself. */
export interface ServiceDefinition {
  /** Service name: logs, metrics, consumer group, outbox producer. */
  name: string;
  /** Its own Postgres schema. */
  schema: string;
  title: string;
  description: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/** DI tokens of the platform module. */
export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const MESSAGE_TRANSPORT = Symbol('MESSAGE_TRANSPORT');
