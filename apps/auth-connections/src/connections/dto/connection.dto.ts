import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { reauthorizationNoticeDue } from '../domain/connection-status';
import type { ConnectionEntity } from '../entities/connection.entity';

const name = z.string().trim().min(1).max(120);
const marketplaceId = z.string().trim().min(1).max(32);
/** Amazon merchant tokens are upper-case letters and digits. */
const sellingPartnerId = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{8,20}$/, 'must be 8-20 upper-case letters or digits');

/** Body of `POST /connections`. */
export const createConnectionSchema = z.object({
  name,
  marketplaceId,
  sellingPartnerId: sellingPartnerId.optional(),
  /** Optional: when given it must be the marketplace's region. */
  region: z.enum(['NA', 'EU', 'FE']).optional(),
});
/** Parsed {@link createConnectionSchema}. */
export type CreateConnection = z.infer<typeof createConnectionSchema>;

/** Body of `PATCH /connections/:id`. */
export const updateConnectionSchema = z
  .object({ name: name.optional(), marketplaceId: marketplaceId.optional() })
  .refine((body) => body.name !== undefined || body.marketplaceId !== undefined, { message: 'give name or marketplaceId' });
/** Parsed {@link updateConnectionSchema}. */
export type UpdateConnection = z.infer<typeof updateConnectionSchema>;

/** Body of `POST /connections/:id/marketplaces`: another marketplace on the same authorization. */
export const addMarketplaceSchema = z.object({ marketplaceId, name: name.optional() });
/** Body of `POST /connections/claim`: take over an Appstore-initiated authorization. */
export const claimAuthorizationSchema = z.object({ claimCode: z.string().min(20).max(100), name, marketplaceId });

/** Parses `schema` or throws the module's INVALID_REQUEST naming the field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, fail: (field: string, message: string) => Error): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || 'body';
  throw fail(field, `${field}: ${issue.message}`);
}

/** A connection as the API shows it: no credential material, ever. */
export interface ConnectionView {
  id: string;
  name: string;
  marketplaceId: string;
  region: string;
  sellingPartnerId: string | null;
  status: string;
  statusReason: string | null;
  authorizationId: string | null;
  authorizedAt: string | null;
  reauthorizationDueAt: string | null;
  reauthorizationDue: boolean;
  lastTest: { at: string; outcome: string; message: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

/** Renders a connection for the API. */
export function toView(c: ConnectionEntity, now: Date, noticeDays: number): ConnectionView {
  return {
    id: c.id,
    name: c.name,
    marketplaceId: c.marketplaceId,
    region: c.region,
    sellingPartnerId: c.sellingPartnerId,
    status: c.status,
    statusReason: c.statusReason,
    authorizationId: c.credentialId,
    authorizedAt: c.authorizedAt?.toISOString() ?? null,
    reauthorizationDueAt: c.reauthorizationDueAt?.toISOString() ?? null,
    reauthorizationDue: c.status === 'ACTIVE' && c.reauthorizationDueAt !== null && reauthorizationNoticeDue(c.reauthorizationDueAt, now, noticeDays),
    lastTest: c.lastTestedAt && c.lastTestOutcome ? { at: c.lastTestedAt.toISOString(), outcome: c.lastTestOutcome, message: c.lastTestMessage } : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** OpenAPI shape of {@link createConnectionSchema}. */
export class CreateConnectionDto {
  @ApiProperty({ example: 'My Amazon US' })
  name!: string;

  @ApiProperty({ example: 'ATVPDKIKX0DER' })
  marketplaceId!: string;

  @ApiProperty({ required: false, example: 'A1DEMOSELLER00', description: 'Expected seller; the callback refuses another one' })
  sellingPartnerId?: string;

  @ApiProperty({ required: false, enum: ['NA', 'EU', 'FE'] })
  region?: string;
}

/** OpenAPI shape of {@link updateConnectionSchema}. */
export class UpdateConnectionDto {
  @ApiProperty({ required: false })
  name?: string;

  @ApiProperty({ required: false })
  marketplaceId?: string;
}

/** OpenAPI shape of {@link addMarketplaceSchema}. */
export class AddMarketplaceDto {
  @ApiProperty({ example: 'A2EUQ1WTGCTBG2' })
  marketplaceId!: string;

  @ApiProperty({ required: false })
  name?: string;
}

/** OpenAPI shape of {@link claimAuthorizationSchema}. */
export class ClaimAuthorizationDto {
  @ApiProperty({ description: 'The one-time code shown to the seller at the end of the Appstore flow' })
  claimCode!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  marketplaceId!: string;
}
