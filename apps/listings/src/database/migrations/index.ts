import { Init1795440699230 } from './1795440699230-Init';
import { ListingsModel1795443027255 } from './1795443027255-ListingsModel';
import { OutboxBatches1795447255090 } from './1795447255090-OutboxBatches';
import { RateLimitBuckets1795448143237 } from './1795448143237-RateLimitBuckets';
import { ConnectionsProjection1796402689122 } from './1796402689122-ConnectionsProjection';
import { RateLimitClaims1797300000000 } from './1797300000000-RateLimitClaims';
import { SyncDesiredState1797400000000 } from './1797400000000-SyncDesiredState';
import { SyncFeeds1797400000001 } from './1797400000001-SyncFeeds';
import { PublishListings1797500000000 } from './1797500000000-PublishListings';
import { MappingTemplates1797600000000 } from './1797600000000-MappingTemplates';

/** This service's migrations, oldest first. */
export const migrations = [
  Init1795440699230,
  ListingsModel1795443027255,
  OutboxBatches1795447255090,
  RateLimitBuckets1795448143237,
  ConnectionsProjection1796402689122,
  RateLimitClaims1797300000000,
  SyncDesiredState1797400000000,
  SyncFeeds1797400000001,
  PublishListings1797500000000,
  MappingTemplates1797600000000,
];
