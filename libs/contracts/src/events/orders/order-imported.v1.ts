import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';
import { moneySchema } from '../../enums';

/** An Amazon order entered the platform, once per order. Ids, lines and totals only: no PII. */
export const OrderImportedV1 = defineEvent({
  type: 'orders.order-imported',
  version: 1,
  topic: 'orders.order.imported.v1',
  key: (data) => data.amazonOrderId,
  data: z.object({
    orderId: z.uuid(),
    connectionId: z.string().min(1),
    amazonOrderId: z.string().min(1),
    marketplaceId: z.string().min(1),
    purchasedAt: z.iso.datetime({ offset: true }),
    shippingPolicy: z.string().nullable(),
    total: moneySchema.nullable(),
    lines: z.array(
      z.object({
        orderItemId: z.string().min(1),
        sku: z.string().min(1),
        productCode: z.string().min(1),
        quantity: z.number().int().positive(),
        unitPrice: moneySchema.nullable(),
        /** Added later (optional): Amazon's ordered and cancelled units (`quantity` is their difference). */
        quantityOrdered: z.number().int().nonnegative().optional(),
        quantityCancelled: z.number().int().nonnegative().optional(),
      }),
    ),
    eligibleSourceIds: z.array(z.string()).default([]),
    /** Added later (optional): AMAZON orders are read-only for the platform (Amazon ships them). */
    fulfilledBy: z.enum(['MERCHANT', 'AMAZON']).optional(),
  }),
});
/** Data of {@link OrderImportedV1}. */
export type OrderImportedV1 = EventData<typeof OrderImportedV1>;
