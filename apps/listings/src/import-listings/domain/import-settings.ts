import { z } from 'zod';

/** Amazon's quantities above this are treated as suspect by default (seeds: "extremely high"). */
export const DEFAULT_QUANTITY_THRESHOLD = 999_999;

/**
 * Settings of one Import Listings run, as a seller picks them.
 * - `CREATE_ONLY`: new SKUs become channel listings; existing ones are left as they are.
 * - `CREATE_AND_OVERWRITE`: existing SKUs take Amazon's offer values (price, quantity, status,
 *   ids); their product data (title, description, images) only with `overwriteProductData`.
 */
export const importSettingsSchema = z
  .object({
    mode: z.enum(['CREATE_ONLY', 'CREATE_AND_OVERWRITE']).default('CREATE_ONLY'),
    overwriteProductData: z.boolean().default(false),
    pauseNewListings: z.boolean().default(false),
    quantityThreshold: z.number().int().min(1).max(2_000_000_000).default(DEFAULT_QUANTITY_THRESHOLD),
  })
  .strict()
  .refine((s) => !s.overwriteProductData || s.mode === 'CREATE_AND_OVERWRITE', {
    message: 'overwriteProductData needs mode CREATE_AND_OVERWRITE',
    path: ['overwriteProductData'],
  });
/** Parsed {@link importSettingsSchema}. */
export type ImportSettings = z.infer<typeof importSettingsSchema>;
