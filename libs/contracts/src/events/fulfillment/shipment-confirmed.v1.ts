import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Amazon's answer to a shipment confirmation (confirmed); `reason` holds Amazon's message when rejected. */
export const ShipmentConfirmedV1 = defineEvent({
  type: 'fulfillment.shipment-confirmed',
  version: 1,
  topic: 'fulfillment.shipment.confirmed.v1',
  key: (data) => data.amazonOrderId,
  data: z.object({
    shipmentId: z.string().min(1),
    connectionId: z.string().min(1),
    amazonOrderId: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
    reason: z.string().max(2000).nullable(),
  }),
});
/** Data of {@link ShipmentConfirmedV1}. */
export type ShipmentConfirmedV1 = EventData<typeof ShipmentConfirmedV1>;
