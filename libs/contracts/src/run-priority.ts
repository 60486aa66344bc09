import type { JobOperation } from './enums';

/**
 * How urgently a seller's SP-API calls are served when they wait for the same rate budget: higher
 * first. A person waiting on a screen beats every background run; fresh orders beat stock sync
 * (a late order costs a late shipment), and a million-row import yields to everything else.
 */
export const RUN_PRIORITY = {
  /** A person's request: an HTTP call made on someone's behalf, or a run they asked for by hand. */
  personRequest: 70,
  getOrders: 60,
  syncOrders: 50,
  /** The listings fast lane: single-SKU price/quantity changes sent as they happen. */
  listingsFastLane: 50,
  syncListings: 40,
  publish: 30,
  link: 20,
  import: 10,
} as const;

/** A value of {@link RUN_PRIORITY}, or any number between them. */
export type RunPriority = number;

const BY_OPERATION: Record<JobOperation, RunPriority> = {
  'get-orders': RUN_PRIORITY.getOrders,
  'sync-orders': RUN_PRIORITY.syncOrders,
  'sync-listings': RUN_PRIORITY.syncListings,
  'publish-listings': RUN_PRIORITY.publish,
  'link-listings': RUN_PRIORITY.link,
  'import-listings': RUN_PRIORITY.import,
  // Redaction calls no SP-API; it gets the lowest background rank should it ever do.
  'pii-redaction': RUN_PRIORITY.import,
};

/** Triggers that mean a person asked for this run just now. */
const BY_HAND = new Set(['MANUAL', 'API']);

/**
 * The priority of one run. A run asked for by hand is a person's request, except an import: it is
 * manual-only by design and reads a whole catalogue, so starting one must not starve the seller's
 * orders and stock updates.
 */
export function runPriority(operation: JobOperation | string, trigger?: string | null): RunPriority {
  const base = BY_OPERATION[operation as JobOperation] ?? RUN_PRIORITY.import;
  if (trigger && BY_HAND.has(trigger) && operation !== 'import-listings') return Math.max(base, RUN_PRIORITY.personRequest);
  return base;
}
