import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** A seller authorized the app for a connection; carries ids, never tokens. */
export const ConnectionAuthorizedV1 = defineEvent({
  type: 'connections.connection-authorized',
  version: 1,
  topic: 'connections.connection.authorized.v1',
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
/** Data of {@link ConnectionAuthorizedV1}. */
export type ConnectionAuthorizedV1 = EventData<typeof ConnectionAuthorizedV1>;
