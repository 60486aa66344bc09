import { quoteIdent } from '@amazon-channel/platform-persistence';

/** fulfillment's PostgreSQL schema. */
export const FULFILLMENT_SCHEMA = 'fulfillment';

/** Qualified table names. */
export const T = {
  knownOrders: `${quoteIdent(FULFILLMENT_SCHEMA)}.known_orders`,
  knownOrderLines: `${quoteIdent(FULFILLMENT_SCHEMA)}.known_order_lines`,
  shipments: `${quoteIdent(FULFILLMENT_SCHEMA)}.shipments`,
  packages: `${quoteIdent(FULFILLMENT_SCHEMA)}.packages`,
  attempts: `${quoteIdent(FULFILLMENT_SCHEMA)}.package_attempts`,
  settings: `${quoteIdent(FULFILLMENT_SCHEMA)}.carrier_settings`,
} as const;
