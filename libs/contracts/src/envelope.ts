import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/**
 * The envelope every message carries, on Kafka and on the in-process bus alike.
 * Field names follow CloudEvents where one exists (`id`, `type`); `data` holds the event's own schema.
 * Envelopes carry ids only: PII never travels on the bus.
 */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  tenantId: z.string().min(1),
  connectionId: z.string().min(1).nullable(),
  /** Selling partner id + region (`A1B2C3:NA`) when the message leads to SP-API calls. */
  sellerId: z.string().min(1).nullable(),
  data: z.unknown(),
});

/** An envelope whose `data` has been validated against its event schema. */
export type Envelope<TData = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: TData };

/** What a producer states about an event; the rest of the envelope is filled in by {@link createEnvelope}. */
export interface EnvelopeContext {
  producer: string;
  tenantId: string;
  correlationId: string;
  causationId?: string | null;
  connectionId?: string | null;
  sellerId?: string | null;
  /** Defaults to a fresh UUIDv7; pass one for deterministic ids (replays, tests). */
  id?: string;
  occurredAt?: Date;
}

/**
 * Builds a complete envelope.
 * @example createEnvelope(JobRequestedV1, data, { producer: 'scheduler', tenantId, correlationId })
 */
export function createEnvelope<TData>(definition: { type: string; version: number }, data: TData, context: EnvelopeContext): Envelope<TData> {
  return {
    id: context.id ?? uuidv7(),
    type: definition.type,
    version: definition.version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    producer: context.producer,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    tenantId: context.tenantId,
    connectionId: context.connectionId ?? null,
    sellerId: context.sellerId ?? null,
    data,
  };
}
