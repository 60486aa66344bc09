import { z } from 'zod';

/** Query of `GET /listings`: filters and cursor pagination. */
export const listListingsQuery = z
  .object({
    connectionId: z.string().min(1).optional(),
    status: z.enum(['ACTIVE', 'PAUSED', 'HIDDEN', 'DELISTED']).optional(),
    linkStatus: z.enum(['UNLINKED', 'LINKED', 'BROKEN']).optional(),
    /** Where the last publish left the SKU (its platform listing's publish state). */
    publishState: z.enum(['PUBLISHED', 'LIVE', 'FAILED']).optional(),
    skuPrefix: z.string().min(1).max(200).optional(),
    updatedSince: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
/** Parsed {@link listListingsQuery}. */
export type ListListingsQuery = z.infer<typeof listListingsQuery>;

/** The opaque page cursor: the last row's (updatedAt, id), base64url JSON. */
export function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), id])).toString('base64url');
}

/** Reads a cursor from {@link encodeCursor}; null when it is not one. */
export function decodeCursor(cursor: string): { updatedAt: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [updatedAt, id] = value as unknown[];
    if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt)) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { updatedAt, id };
  } catch {
    return null;
  }
}
