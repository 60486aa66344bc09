import { ConnectionProjectionEntity } from '@amazon-channel/platform-auth';
import { JobEntity, type ServiceDefinition } from '@amazon-channel/platform-service';
import { MappingTemplateEntity } from '@amazon-channel/platform-templates';
import { migrations } from './database/migrations';

/** fulfillment: its schema, entities and migrations. */
export const FULFILLMENT_SERVICE: ServiceDefinition = {
  name: 'fulfillment',
  schema: 'fulfillment',
  title: 'fulfillment',
  description: 'Shipment confirmations to Amazon',
  entities: [ConnectionProjectionEntity, JobEntity, MappingTemplateEntity],
  migrations,
};
