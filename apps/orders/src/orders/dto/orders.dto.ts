import { z } from 'zod';
import { SERVICE_LEVEL_CATEGORIES } from '../domain/service-level';
import { normaliseServiceLevel } from '../domain/service-level';

const STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'] as const;

/** Query of `GET /orders`. */
export const listOrdersQuery = z.object({
  connectionId: z.string().min(1).optional(),
  state: z.enum(['IMPORTED', 'HELD', 'RESERVED']).optional(),
  status: z.enum(STATUSES).optional(),
  holdReason: z.string().min(1).optional(),
  amazonOrderId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Body of a shipping mapping; the category accepts `SecondDay` and `SECOND_DAY`. */
export const shippingMappingBody = z.object({
  channelShippingText: z.string().trim().min(1).max(200),
  serviceLevelCategory: z
    .string()
    .transform((value, ctx) => {
      const category = normaliseServiceLevel(value);
      if (!category) ctx.addIssue({ code: 'custom', message: `must be one of ${SERVICE_LEVEL_CATEGORIES.join(', ')}` });
      return category ?? 'STANDARD';
    }),
  shippingPolicy: z.string().trim().min(1).max(200),
});

/** Body of `PUT /sources/:sourceId`. */
export const sourceBody = z.object({
  name: z.string().trim().min(1).max(200),
  amazonCompliant: z.boolean(),
});

/** Body of `POST /orders/:id/route`. */
export const routeBody = z.object({ sourceId: z.string().min(1).max(200) });

/** Body of `PUT /connections/:connectionId/order-settings` (all optional). */
export const orderSettingsBody = z.object({
  productCode: z.enum(['SKU', 'ASIN']).optional(),
  fulfillmentStatuses: z.array(z.enum(STATUSES)).min(1).optional(),
  fulfilledBy: z.array(z.enum(['MERCHANT', 'AMAZON'])).min(1).optional(),
  createdWithinDays: z.number().int().min(1).max(730).optional(),
  keepPendingAsReservations: z.boolean().optional(),
  template: z.record(z.string(), z.unknown()).nullable().optional(),
});

/** Query of the PII read: why the caller needs the buyer data (kept in the audit trail). */
export const piiQuery = z.object({ purpose: z.string().trim().min(3).max(200) });
