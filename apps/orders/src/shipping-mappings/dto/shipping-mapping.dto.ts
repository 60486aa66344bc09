import { z } from 'zod';
import { normaliseServiceLevel, SERVICE_LEVEL_CATEGORIES, type ServiceLevelCategory } from '../domain/service-level';

/** Body of a shipping mapping; the category accepts `SecondDay` and `SECOND_DAY`. Unknown fields are refused. */
export const shippingMappingBody = z.strictObject({
  channelShippingText: z.string().trim().min(1).max(200),
  serviceLevelCategory: z.string().transform((value, ctx): ServiceLevelCategory => {
    const category = normaliseServiceLevel(value);
    if (!category) ctx.addIssue({ code: 'custom', message: `must be one of ${SERVICE_LEVEL_CATEGORIES.join(', ')}` });
    return category ?? 'STANDARD';
  }),
  shippingPolicy: z.string().trim().min(1).max(200),
});

/** A mapping to create or replace. */
export type ShippingMappingInput = z.infer<typeof shippingMappingBody>;
