import { JobEntity, type ServiceDefinition } from '@amazon-channel/platform-service';
import { migrations } from './database/migrations';

/** orders: its schema, entities and migrations. */
export const ORDERS_SERVICE: ServiceDefinition = {
  name: 'orders',
  schema: 'orders',
  title: 'orders',
  description: 'Amazon orders: get orders, shipping mappings, cancellations, PII retention',
  entities: [JobEntity],
  migrations,
};
