import { z } from 'zod';
import { isIsoCurrency, MAX_AMOUNT_MINOR, MAX_LINE_QUANTITY } from '../domain/order-candidate';

export { shippingMappingBody } from '../../shipping-mappings/dto/shipping-mapping.dto';

const STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'] as const;

/** Query of `GET /orders`. */
export const listOrdersQuery = z.object({
  connectionId: z.string().min(1).optional(),
  state: z.enum(['IMPORTED', 'HELD', 'RESERVED', 'CANCELLED']).optional(),
  status: z.enum(STATUSES).optional(),
  holdReason: z.string().min(1).optional(),
  amazonOrderId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Body of `PUT /sources/:sourceId`. */
export const sourceBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  amazonCompliant: z.boolean(),
});

/** Body of `POST /orders/:id/route`. */
export const routeBody = z.strictObject({ sourceId: z.string().trim().min(1).max(200) });

/** Largest major-unit amount a template constant may set (the import's ceiling, in major units of a two-decimal currency). */
const MAX_AMOUNT_MAJOR = MAX_AMOUNT_MINOR / 100;

/**
 * Checks for the constants (`{ kind: 'value' }`) a template may set on money, quantity and
 * currency fields: what the import would hold every order for is refused when the template is saved.
 * The template's shape itself is checked by the mapping engine (422 INVALID_TEMPLATE).
 */
const TEMPLATE_VALUE_CHECKS: Record<string, (value: unknown) => string | null> = {
  invoice_currency: (value) => (typeof value === 'string' && isIsoCurrency(value) ? null : 'must be an ISO 4217 currency code (e.g. USD)'),
  invoice_total: (value) => amountIssue(value),
  item_unit_price: (value) => amountIssue(value),
  item_quantity: (value) =>
    Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_LINE_QUANTITY
      ? null
      : `must be a whole number from 0 to ${MAX_LINE_QUANTITY}`,
};

function amountIssue(value: unknown): string | null {
  const amount = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  return typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 && amount <= MAX_AMOUNT_MAJOR
    ? null
    : `must be an amount from 0 to ${MAX_AMOUNT_MAJOR}`;
}

/**
 * The faults of a get-orders template's constants ({@link TEMPLATE_VALUE_CHECKS}), each with its
 * path from the template's root: checked by the order-settings body and by
 * `PUT /connections/:connectionId/templates/get-orders` alike.
 */
export function templateConstantIssues(value: unknown): { path: string[]; message: string }[] {
  const fields = value && typeof value === 'object' ? (value as Record<string, unknown>)['fields'] : undefined;
  if (!fields || typeof fields !== 'object') return [];
  const found: { path: string[]; message: string }[] = [];
  for (const [key, check] of Object.entries(TEMPLATE_VALUE_CHECKS)) {
    const source = (fields as Record<string, unknown>)[key];
    if (!source || typeof source !== 'object' || (source as { kind?: unknown }).kind !== 'value') continue;
    const issue = check((source as { value?: unknown }).value);
    if (issue) found.push({ path: ['fields', key, 'value'], message: issue });
  }
  return found;
}

const template = z
  .record(z.string(), z.unknown())
  .nullable()
  .superRefine((value, ctx) => {
    for (const issue of templateConstantIssues(value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

/** The order settings a job may override for one run (unknown job settings are ignored there). */
export const orderSettingsFields = z.object({
  productCode: z.enum(['SKU', 'ASIN']).optional(),
  fulfillmentStatuses: z.array(z.enum(STATUSES)).min(1).max(STATUSES.length).optional(),
  fulfilledBy: z
    .array(z.enum(['MERCHANT', 'AMAZON']))
    .min(1)
    .max(2)
    .optional(),
  createdWithinDays: z.number().int().min(1).max(730).optional(),
  keepPendingAsReservations: z.boolean().optional(),
  template: template.optional(),
});

/** Body of `PUT /connections/:connectionId/order-settings` (all optional; unknown fields are refused). */
export const orderSettingsBody = z.strictObject(orderSettingsFields.shape);

/** Query of the PII read: why the caller needs the buyer data (kept in the audit trail). */
export const piiQuery = z.object({ purpose: z.string().trim().min(3).max(200) });
