import { z } from 'zod';

/** Body of `PUT /sources/:sourceId`. */
export const sourceBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  amazonCompliant: z.boolean(),
});
