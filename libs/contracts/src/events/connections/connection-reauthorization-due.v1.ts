import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** The yearly re-authorization falls due within 30 days. */
export const ConnectionReauthorizationDueV1 = defineEvent({
  type: 'connections.connection-reauthorization-due',
  version: 1,
  topic: 'connections.connection.reauthorization-due.v1',
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
/** Data of {@link ConnectionReauthorizationDueV1}. */
export type ConnectionReauthorizationDueV1 = EventData<typeof ConnectionReauthorizationDueV1>;
