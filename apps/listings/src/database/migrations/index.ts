import { Init1795440699230 } from './1795440699230-Init';
import { ListingsModel1795443027255 } from './1795443027255-ListingsModel';
import { OutboxBatches1795447255090 } from './1795447255090-OutboxBatches';
import { RateLimitBuckets1795448143237 } from './1795448143237-RateLimitBuckets';
import { ConnectionsProjection1796402689122 } from './1796402689122-ConnectionsProjection';
import { PublishListings1797500000000 } from './1797500000000-PublishListings';
import { MappingTemplates1797600000000 } from './1797600000000-MappingTemplates';

/** This service's migrations, oldest first. */
export const migrations = [
  Init1795440699230,
  ListingsModel1795443027255,
  OutboxBatches1795447255090,
  RateLimitBuckets1795448143237,
  ConnectionsProjection1796402689122,
  PublishListings1797500000000,
  MappingTemplates1797600000000,
];
