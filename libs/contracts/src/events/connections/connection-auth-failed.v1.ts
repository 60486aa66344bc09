import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Amazon rejected the connection's credential (invalid_grant): the seller must authorize again. */
export const ConnectionAuthFailedV1 = defineEvent({
  type: 'connections.connection-auth-failed',
  version: 1,
  topic: 'connections.connection.auth-failed.v1',
  key: (data) => data.connectionId,
  data: z.object({
    connectionId: z.string().min(1),
    sellingPartnerId: z.string().min(1).nullable(),
    marketplaceId: z.string().min(1),
    region: z.enum(['NA', 'EU', 'FE']),
    at: z.iso.datetime({ offset: true }),
    reason: z.string().max(500).nullable().default(null),
  }),
});
/** Data of {@link ConnectionAuthFailedV1}. */
export type ConnectionAuthFailedV1 = EventData<typeof ConnectionAuthFailedV1>;
