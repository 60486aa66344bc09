/** Tunables of the orders service, from its configuration. */
export interface OrdersOptions {
  overlapMinutes: number;
  piiRetentionDays: number;
}

/** DI token of {@link OrdersOptions}. */
export const ORDERS_OPTIONS = Symbol('ORDERS_OPTIONS');
