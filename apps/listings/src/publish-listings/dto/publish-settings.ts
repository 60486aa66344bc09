import type { FieldIssue } from '@amazon-channel/platform-observability';
import { z } from 'zod';
import { type PUBLISH_RESULT_STATES } from '../entities/publish-result.entity';
import { PublishListingsError } from '../publish-listings.error';

/** SKUs one run takes (the bulk platform-listings limit). */
export const MAX_PUBLISH_SKUS = 10_000;

const sku = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(40, { error: 'must be at most 40 characters (Amazon seller SKU)' })
  .refine((s) => !s.includes('\u0000'), { error: 'must not contain a NUL byte' });

/** `POST /connections/:connectionId/jobs/publish-listings` body (also the run's settings). */
export const publishSettingsSchema = z
  .object({
    skus: z
      .array(sku, { error: 'must be a list of SKUs' })
      .min(1, { error: 'must name at least one SKU' })
      .max(MAX_PUBLISH_SKUS, { error: `must name at most ${MAX_PUBLISH_SKUS} SKUs` }),
    mode: z.enum(['VALIDATION_PREVIEW', 'PUBLISH'], { error: 'must be VALIDATION_PREVIEW or PUBLISH' }),
    /** Re-send the offer attributes of SKUs already on Amazon (otherwise they are SKIPPED). */
    overwrite: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .strict();
/** Settings of a publish-listings run. */
export type PublishSettings = z.infer<typeof publishSettingsSchema>;

/** Parses the body; 400 `INVALID_REQUEST` naming every bad field (`skus.3`, `mode`, ...). */
export function parsePublishSettings(body: unknown): PublishSettings {
  const parsed = publishSettingsSchema.safeParse(body ?? {});
  if (parsed.success) return { ...parsed.data, skus: [...new Set(parsed.data.skus)] };
  const details: FieldIssue[] = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    reason: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new PublishListingsError('INVALID_REQUEST', `Invalid publish request: ${details.map((d) => `${d.field} ${d.reason}`).join('; ')}`, details);
}

/** `GET .../publish-results` query. */
export const publishResultsQuerySchema = z
  .object({
    state: z.enum(['READY', 'PLANNED', 'PUBLISHED', 'LIVE', 'FAILED', 'SKIPPED'] satisfies typeof PUBLISH_RESULT_STATES).optional(),
    afterSku: z.string().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** Parses the results query; 400 `INVALID_REQUEST` naming the bad parameter. */
export function parsePublishResultsQuery(query: unknown): z.infer<typeof publishResultsQuerySchema> {
  const parsed = publishResultsQuerySchema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const details: FieldIssue[] = parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'query', reason: issue.message }));
  throw new PublishListingsError('INVALID_REQUEST', `Invalid query: ${details.map((d) => `${d.field} ${d.reason}`).join('; ')}`, details);
}
