import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** An order's buyer data was erased under the retention policy. */
export const OrderPiiRedactedV1 = defineEvent({
  type: 'orders.order-pii-redacted',
  version: 1,
  topic: 'orders.order.pii-redacted.v1',
  key: (data) => data.amazonOrderId,
  data: z.object({
    orderId: z.uuid(),
    connectionId: z.string().min(1),
    amazonOrderId: z.string().min(1),
    redactedAt: z.iso.datetime({ offset: true }),
  }),
});
/** Data of {@link OrderPiiRedactedV1}. */
export type OrderPiiRedactedV1 = EventData<typeof OrderPiiRedactedV1>;
