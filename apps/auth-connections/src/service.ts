import type { ServiceDefinition } from '@amazon-channel/platform-service';
import { ConnectionEntity } from './connections/entities/connection.entity';
import { CredentialEntity } from './connections/entities/credential.entity';
import { OAuthStateEntity } from './connections/entities/oauth-state.entity';
import { PendingAuthorizationEntity } from './connections/entities/pending-authorization.entity';
import { migrations } from './database/migrations';

/** The tables of auth-connections (the CLI opens them without Nest). */
export const AUTH_CONNECTIONS_ENTITIES = [ConnectionEntity, CredentialEntity, OAuthStateEntity, PendingAuthorizationEntity];

/** auth-connections: its schema, entities and migrations. */
export const AUTH_CONNECTIONS_SERVICE: ServiceDefinition = {
  name: 'auth-connections',
  schema: 'auth_connections',
  title: 'auth-connections',
  description: 'Amazon seller connections, Login with Amazon OAuth and access tokens',
  entities: AUTH_CONNECTIONS_ENTITIES,
  migrations,
};
