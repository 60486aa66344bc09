import { shipmentReadySchema } from '@amazon-channel/contracts';
import { z } from 'zod';
import { PACKAGE_STATUSES } from '../domain/package-status';
import { ShipmentsError } from '../shipments.error';

/** Body of `POST /connections/:connectionId/shipments`: ShipmentReady's data; its connectionId, if given, must be the path's. */
export const shipmentBody = shipmentReadySchema.extend({ connectionId: z.string().min(1).optional() });

/** Query of `GET /shipments`. */
export const listShipmentsQuery = z
  .object({
    connectionId: z.uuid().optional(),
    status: z.enum([...PACKAGE_STATUSES] as [string, ...string[]]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** Body of `PATCH /shipments/:id/packages/:packageId`: what the seller corrects. */
export const packageEditBody = z
  .object({
    carrier: z.string().min(1).max(200).nullable().optional(),
    shippingMethod: z.string().min(1).max(200).nullable().optional(),
    trackingNumber: z.string().max(1000).optional(),
  })
  .strict()
  .refine((b) => b.carrier !== undefined || b.shippingMethod !== undefined || b.trackingNumber !== undefined, {
    error: 'name at least one of carrier, shippingMethod, trackingNumber',
  });

/** Body of `PUT /connections/:connectionId/fulfillment-settings`. */
export const settingsBody = z
  .object({
    autoDetect: z.boolean().default(true),
    checkDigitPolicy: z.enum(['warn', 'hold']).default('warn'),
  })
  .strict();

/**
 * Parses `value` or throws INVALID_REQUEST (400) naming every bad field with its reason.
 * @param root - prefix of the field names (`body`, `query`)
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, root: string): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    field: [root, ...issue.path.map(String)].join('.'),
    reason: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new ShipmentsError('INVALID_REQUEST', `Invalid ${root}: ${details.map((d) => `${d.field} ${d.reason}`).join('; ')}`, details);
}
