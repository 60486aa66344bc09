import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** The seller revoked the authorization or the platform disconnected it. */
export const ConnectionRevokedV1 = defineEvent({
  type: 'connections.connection-revoked',
  version: 1,
  topic: 'connections.connection.revoked.v1',
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
/** Data of {@link ConnectionRevokedV1}. */
export type ConnectionRevokedV1 = EventData<typeof ConnectionRevokedV1>;
