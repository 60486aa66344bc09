import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Lifecycle states a connection's snapshot can carry; `DELETED` is the tombstone of a deleted connection. */
export const connectionSnapshotStatusSchema = z.enum(['PENDING_AUTHORIZATION', 'ACTIVE', 'AUTH_FAILED', 'REVOKED', 'DISABLED', 'DELETED']);

/** What happened to the connection (for logs and audit; consumers act on the snapshot alone). */
export const connectionChangeSchema = z.enum([
  'CREATED',
  'AUTHORIZED',
  'MARKETPLACE_CHANGED',
  'DISABLED',
  'ENABLED',
  'AUTH_FAILED',
  'REVOKED',
  'DELETED',
  'UPDATED',
]);

/** The projection row every other service keeps of a connection: ids and status, no secret, no PII. */
export const connectionSnapshotSchema = z.object({
  connectionId: z.string().min(1),
  tenantId: z.string().min(1),
  sellingPartnerId: z.string().min(1).nullable(),
  region: z.enum(['NA', 'EU', 'FE']),
  marketplaceId: z.string().min(1),
  status: connectionSnapshotStatusSchema,
  /** Grows by one with every announced change of this connection: consumers keep the highest. */
  revision: z.number().int().min(1),
});
/** One connection as {@link ConnectionChangedV1} and the internal listing route carry it. */
export type ConnectionSnapshot = z.infer<typeof connectionSnapshotSchema>;

/**
 * The whole life of a connection (created, authorized, marketplace changed, disabled, enabled, auth
 * failed, revoked, deleted) as snapshots. Carrying the full row, not a delta, lets a consumer apply
 * events in any order: it keeps the snapshot with the highest `revision`.
 */
export const ConnectionChangedV1 = defineEvent({
  type: 'connections.connection-changed',
  version: 1,
  topic: 'connections.connection.changed.v1',
  key: (data) => data.connectionId,
  data: connectionSnapshotSchema.extend({
    change: connectionChangeSchema,
    at: z.iso.datetime({ offset: true }),
  }),
});
/** Data of {@link ConnectionChangedV1}. */
export type ConnectionChangedV1 = EventData<typeof ConnectionChangedV1>;
