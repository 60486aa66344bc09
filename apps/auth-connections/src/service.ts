import type { ServiceDefinition } from '@amazon-channel/platform-service';
import { migrations } from './database/migrations';

/** auth-connections: its schema, entities and migrations. */
export const AUTH_CONNECTIONS_SERVICE: ServiceDefinition = {
  name: 'auth-connections',
  schema: 'auth_connections',
  title: 'auth-connections',
  description: 'Amazon seller connections, Login with Amazon OAuth and access tokens',
  entities: [],
  migrations,
};
