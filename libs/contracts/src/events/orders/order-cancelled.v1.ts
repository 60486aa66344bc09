import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Amazon cancelled an imported order in full or in part; `lines` are the affected ones. */
export const OrderCancelledV1 = defineEvent({
  type: 'orders.order-cancelled',
  version: 1,
  topic: 'orders.order.cancelled.v1',
  key: (data) => data.amazonOrderId,
  data: z.object({
    orderId: z.uuid(),
    connectionId: z.string().min(1),
    amazonOrderId: z.string().min(1),
    scope: z.enum(['FULL', 'PARTIAL']),
    lines: z.array(z.object({ orderItemId: z.string().min(1), sku: z.string(), cancelledQuantity: z.number().int().positive() })),
  }),
});
/** Data of {@link OrderCancelledV1}. */
export type OrderCancelledV1 = EventData<typeof OrderCancelledV1>;
