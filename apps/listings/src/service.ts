import { JobEntity, type ServiceDefinition } from '@amazon-channel/platform-service';
import { migrations } from './database/migrations';

/** listings: its schema, entities and migrations. */
export const LISTINGS_SERVICE: ServiceDefinition = {
  name: 'listings',
  schema: 'listings',
  title: 'listings',
  description: 'Amazon listings: import, link, publish and sync',
  entities: [JobEntity],
  migrations,
};
