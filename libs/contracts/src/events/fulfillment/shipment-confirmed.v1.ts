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
    /** Added later (optional): the platform's package this answer is about. */
    packageId: z.string().optional(),
    /** Added later (optional): the package's id at Amazon (`packageReferenceId`). */
    packageReferenceId: z.string().optional(),
    /** Added later (optional): what was posted (carrier code, method, tracking number). */
    carrierCode: z.string().optional(),
    shippingMethod: z.string().nullable().optional(),
    trackingNumber: z.string().optional(),
    /** Added later (optional): what the seller must change before re-sending (rejections). */
    fix: z.string().max(2000).nullable().optional(),
  }),
});
/** Data of {@link ShipmentConfirmedV1}. */
export type ShipmentConfirmedV1 = EventData<typeof ShipmentConfirmedV1>;
