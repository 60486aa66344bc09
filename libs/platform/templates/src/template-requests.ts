import { z } from 'zod';
import { TemplatesError } from './templates.error';

/** Body of `POST /connections/:connectionId/templates/:operation/preview`. */
export const templatePreviewBody = z
  .object({
    /** A sample source record, shaped like what the operation reads (a platform listing, an Amazon order, a shipment). */
    record: z.record(z.string(), z.unknown()),
    /** A template to try before saving it; absent: the connection's effective template. */
    template: z.unknown().optional(),
  })
  .strict();

/** A valid preview request. */
export type TemplatePreviewBody = z.infer<typeof templatePreviewBody>;

/** Parses a preview body; 400 INVALID_REQUEST naming each bad field (`body.record`). */
export function parsePreviewBody(body: unknown): TemplatePreviewBody {
  const result = templatePreviewBody.safeParse(body ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: ['body', ...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? [issue.keys.join(',')] : [])].join('.'),
    reason: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
  }));
  throw new TemplatesError('INVALID_REQUEST', `The preview request is not valid: ${details.map((d) => d.field).join(', ')}`, details);
}

/**
 * The version in an `If-Match` header (`3` or `"3"`; `0` = "nothing saved yet"); undefined when
 * absent or `*`. 400 INVALID_REQUEST for anything else.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match)
    throw new TemplatesError('INVALID_REQUEST', 'If-Match must be the template version from GET (its ETag)', [
      { field: 'headers.if-match', reason: 'must be a version number such as "3"' },
    ]);
  return Number(match[1]);
}
