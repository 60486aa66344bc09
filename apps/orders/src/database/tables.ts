/** The PostgreSQL schema of the orders service (its entities, migrations and hand-written SQL). */
export const ORDERS_SCHEMA = 'orders';

/** A table of the service's schema, quoted for hand-written SQL. The one way table names are built. */
export function ordersTable(name: string): string {
  return `"${ORDERS_SCHEMA}"."${name}"`;
}

/** Tables of the service's schema, for SQL written by hand in repositories. */
export const T = {
  orders: ordersTable('orders'),
  items: ordersTable('order_items'),
  pii: ordersTable('order_pii'),
  skips: ordersTable('order_skips'),
  syncState: ordersTable('order_sync_state'),
  mappings: ordersTable('shipping_mappings'),
  sources: ordersTable('sources'),
  audit: ordersTable('pii_audit'),
} as const;
