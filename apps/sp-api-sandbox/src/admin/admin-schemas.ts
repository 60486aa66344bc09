import { z } from 'zod';
import { FULFILLMENT_STATUSES, SERVICE_LEVELS } from '../state/order-model';

/** Body of `POST /_sandbox/sellers`. */
export const createSellerSchema = z.object({
  sellingPartnerId: z.string().regex(/^[A-Z0-9]{8,20}$/, 'must be 8-20 upper-case letters or digits'),
  region: z.enum(['NA', 'EU', 'FE']),
  marketplaceIds: z.array(z.string().min(1)).min(1),
  storeName: z.string().min(1).optional(),
  seed: z.string().min(1).optional(),
  listingCount: z.number().int().min(0).max(5_000_000).optional(),
  orderCount: z.number().int().min(0).max(10_000).optional(),
  /** App to issue a refresh token for (default: the sandbox's default app). */
  clientId: z.string().min(1).optional(),
});

/** Body of `POST /_sandbox/apps`. */
export const createAppSchema = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  applicationId: z.string().min(1).optional(),
  redirectUris: z.array(z.url()).default([]),
  loginUri: z.url().optional(),
  draft: z.boolean().default(false),
});

const addressSchema = z.object({
  name: z.string().min(1),
  addressLine1: z.string().min(1),
  addressLine2: z.string().optional(),
  city: z.string().min(1),
  stateOrRegion: z.string().min(1),
  postalCode: z.string().min(1),
  countryCode: z.string().length(2),
  phone: z.string().optional(),
});

/** One order in `POST /_sandbox/sellers/:id/orders` (unset fields are generated). */
export const orderSpecSchema = z.object({
  orderId: z
    .string()
    .regex(/^\d{3}-\d{7}-\d{7}$/, 'must be in 3-7-7 format')
    .optional(),
  marketplaceId: z.string().min(1).optional(),
  status: z.enum(FULFILLMENT_STATUSES).optional(),
  fulfilledBy: z.enum(['MERCHANT', 'AMAZON']).optional(),
  serviceLevel: z.enum(SERVICE_LEVELS).optional(),
  createdTime: z.iso.datetime({ offset: true }).optional(),
  items: z
    .array(
      z.object({
        orderItemId: z
          .string()
          .regex(/^\d{14}$/, 'must be 14 digits')
          .optional(),
        sku: z.string().min(1).optional(),
        title: z.string().min(1).optional(),
        quantity: z.number().int().min(1).optional(),
        unitPriceMinor: z.number().int().min(0).optional(),
      }),
    )
    .min(1)
    .optional(),
  buyer: z.object({ name: z.string().min(1), email: z.string().min(3) }).optional(),
  address: addressSchema.optional(),
  programs: z.array(z.string()).optional(),
});

/** Body of `POST /_sandbox/sellers/:id/orders`. */
export const createOrdersSchema = z.object({
  count: z.number().int().min(1).max(10_000).optional(),
  orders: z.array(orderSpecSchema).max(10_000).optional(),
});

/** Body of `PATCH /_sandbox/sellers/:id/orders/:orderId`: status changes and (partial) cancellations. */
export const changeOrderSchema = z.object({
  status: z.enum(FULFILLMENT_STATUSES).optional(),
  serviceLevel: z.enum(SERVICE_LEVELS).optional(),
  address: addressSchema.optional(),
  cancel: z
    .object({
      by: z.enum(['BUYER', 'MERCHANT', 'AMAZON']).default('BUYER'),
      reason: z.string().default('BuyerCanceled'),
      /** Cancel these lines (whole quantity unless `quantity`); none = the whole order. */
      items: z.array(z.object({ orderItemId: z.string().min(1), quantity: z.number().int().min(1).optional() })).optional(),
    })
    .optional(),
  addItems: orderSpecSchema.shape.items.optional(),
});

/** Body of `POST /_sandbox/faults` (merged into the current settings). */
export const faultsSchema = z.object({
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.union([z.literal(500), z.literal(503)]).optional(),
  operations: z.array(z.string()).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  reportFatal: z.boolean().optional(),
  reportGzip: z.enum(['auto', 'always', 'never']).optional(),
  feedFatal: z.boolean().optional(),
  feedErrorSkus: z.array(z.string()).optional(),
  ratePlans: z.record(z.string(), z.object({ rate: z.number().positive(), burst: z.number().int().min(1) })).optional(),
  throttleNext: z.number().int().min(0).max(1_000_000).optional(),
  silentDropShipments: z.number().int().min(0).max(1_000_000).optional(),
  rejectShippingMethods: z.array(z.string()).optional(),
  /** Revoke these refresh tokens now. */
  revokeRefreshTokens: z.array(z.string()).optional(),
  /** Revoke every authorization of these sellers now. */
  revokeSellers: z.array(z.string()).optional(),
});

/** Body of `POST /_sandbox/clock/advance`. */
export const advanceClockSchema = z.object({
  seconds: z
    .number()
    .min(0)
    .max(10 * 365 * 86_400),
});
