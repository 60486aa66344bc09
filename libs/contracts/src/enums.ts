import { z } from 'zod';

/** The operations run as jobs; each is owned by one service (see {@link JOB_OWNERS}). */
export const jobOperationSchema = z.enum([
  'import-listings',
  'link-listings',
  'publish-listings',
  'sync-listings',
  'get-orders',
  'sync-orders',
  'pii-redaction',
]);
/** A job operation name. */
export type JobOperation = z.infer<typeof jobOperationSchema>;

/** Which service runs each operation; the scheduler only requests. */
export const JOB_OWNERS: Record<JobOperation, 'listings' | 'orders' | 'fulfillment'> = {
  'import-listings': 'listings',
  'link-listings': 'listings',
  'publish-listings': 'listings',
  'sync-listings': 'listings',
  'get-orders': 'orders',
  'sync-orders': 'fulfillment',
  'pii-redaction': 'orders',
};

/** How a job run ended. */
export const jobOutcomeSchema = z.enum(['SUCCEEDED', 'PARTIALLY_SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED']);
/** A job outcome. */
export type JobOutcome = z.infer<typeof jobOutcomeSchema>;

/** Where a job request came from. */
export const jobTriggerSchema = z.enum(['MANUAL', 'SCHEDULE', 'CRONJOB', 'API']);

/** Amazon's fulfillment channel of a listing or order: the seller (DEFAULT) or an Amazon network. */
export const fulfillmentChannelSchema = z.string().regex(/^(DEFAULT|AMAZON_[A-Z]{2})$/);

/** Money as integer minor units plus an ISO 4217 currency. */
export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string().length(3) });
/** Money as integer minor units plus an ISO 4217 currency. */
export type Money = z.infer<typeof moneySchema>;
