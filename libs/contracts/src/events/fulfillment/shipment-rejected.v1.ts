import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Amazon's answer to a shipment confirmation (rejected); `reason` holds Amazon's message when rejected. */
export const ShipmentRejectedV1 = defineEvent({
  type: 'fulfillment.shipment-rejected',
  version: 1,
  topic: 'fulfillment.shipment.rejected.v1',
  key: (data) => data.amazonOrderId,
  data: z.object({
    shipmentId: z.string().min(1),
    connectionId: z.string().min(1),
    amazonOrderId: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
    reason: z.string().max(2000).nullable(),
  }),
});
/** Data of {@link ShipmentRejectedV1}. */
export type ShipmentRejectedV1 = EventData<typeof ShipmentRejectedV1>;
