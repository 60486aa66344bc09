import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';
import { moneySchema } from '../../enums';

/** Input from the platform: the desired price, quantity and handling time of a SKU on a connection. */
export const PlatformListingChangedV1 = defineEvent({
  type: 'platform.listing-changed',
  version: 1,
  topic: 'platform.listing.changed.v1',
  key: (data) => `${data.connectionId}:${data.sku}`,
  data: z.object({
    connectionId: z.string().min(1),
    platformListingId: z.string().min(1),
    sku: z.string().min(1),
    price: moneySchema.nullable(),
    quantity: z.number().int().nonnegative().nullable(),
    handlingTimeDays: z.number().int().min(0).max(30).nullable(),
  }),
});
/** Data of {@link PlatformListingChangedV1}. */
export type PlatformListingChangedV1 = EventData<typeof PlatformListingChangedV1>;
