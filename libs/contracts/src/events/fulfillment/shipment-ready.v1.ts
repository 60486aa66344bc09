import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/** Input from the platform: a package left the warehouse and Amazon must be told. */
export const ShipmentReadyV1 = defineEvent({
  type: 'platform.shipment-ready',
  version: 1,
  topic: 'platform.shipment.ready.v1',
  key: (data) => data.amazonOrderId,
  data: z.object({
    shipmentId: z.string().min(1),
    connectionId: z.string().min(1),
    amazonOrderId: z.string().min(1),
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1),
    shippingMethod: z.string().nullable(),
    shippedAt: z.iso.datetime({ offset: true }),
    lines: z.array(z.object({ orderItemId: z.string().min(1).nullable(), sku: z.string().min(1), quantity: z.number().int().positive() })).min(1),
  }),
});
/** Data of {@link ShipmentReadyV1}. */
export type ShipmentReadyV1 = EventData<typeof ShipmentReadyV1>;
