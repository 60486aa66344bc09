import { Init1795440699986 } from './1795440699986-Init';
import { OrdersModel1795442692633 } from './1795442692633-OrdersModel';
import { RateLimitBuckets1795443600000 } from './1795443600000-RateLimitBuckets';
import { ShippingAddressFingerprint1795447058086 } from './1795447058086-ShippingAddressFingerprint';
import { OutboxBatches1795447256547 } from './1795447256547-OutboxBatches';
import { OrderSellerIdentity1796402155866 } from './1796402155866-OrderSellerIdentity';
import { ConnectionsProjection1796402710277 } from './1796402710277-ConnectionsProjection';
import { RateLimitClaims1797300000000 } from './1797300000000-RateLimitClaims';
import { MappingTemplates1797600000100 } from './1797600000100-MappingTemplates';

/** This service's migrations, oldest first. */
export const migrations = [
  Init1795440699986,
  OrdersModel1795442692633,
  RateLimitBuckets1795443600000,
  ShippingAddressFingerprint1795447058086,
  OutboxBatches1795447256547,
  OrderSellerIdentity1796402155866,
  ConnectionsProjection1796402710277,
  RateLimitClaims1797300000000,
  MappingTemplates1797600000100,
];
