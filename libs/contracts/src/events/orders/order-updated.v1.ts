import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/**
 * A change that matters to the platform happened to an imported order. `changes` names what
 * changed: `status`, `service_level`, `lines` (added, removed or requantified) and
 * `shipping_address` — never the address itself, which stays encrypted in the orders service.
 */
export const OrderUpdatedV1 = defineEvent({
  type: 'orders.order-updated',
  version: 1,
  topic: 'orders.order.updated.v1',
  key: (data) => data.amazonOrderId,
  data: z.object({
    orderId: z.uuid(),
    connectionId: z.string().min(1),
    amazonOrderId: z.string().min(1),
    changes: z.array(z.string().min(1)).min(1),
    status: z.string().min(1),
    /** Added later (optional): every line with its ordered and cancelled units, when `lines` changed. */
    lines: z
      .array(
        z.object({
          orderItemId: z.string().min(1),
          sku: z.string(),
          quantityOrdered: z.number().int().nonnegative(),
          quantityCancelled: z.number().int().nonnegative(),
        }),
      )
      .optional(),
  }),
});
/** Data of {@link OrderUpdatedV1}. */
export type OrderUpdatedV1 = EventData<typeof OrderUpdatedV1>;
