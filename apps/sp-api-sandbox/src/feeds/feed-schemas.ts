import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** One schema violation, located by JSON pointer. */
export interface FeedViolation {
  pointer: string;
  message: string;
}

/** Validators for a JSON_LISTINGS_FEED document: the envelope (header + message count) and one message. */
export interface ListingsFeedValidators {
  /** Where the rules come from: Amazon's schema files, or the built-in fallback. */
  source: 'amazon-schema' | 'built-in';
  envelope(doc: unknown): FeedViolation[];
  message(msg: unknown): FeedViolation[];
}

function toViolations(errors: ErrorObject[] | null | undefined): FeedViolation[] {
  return (errors ?? []).map((e) => ({
    pointer: e.instancePath || '/',
    message: `${e.instancePath || 'document'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params['additionalProperty'])})` : ''}`,
  }));
}

/**
 * Loads `listings-feed-schema-v2.json` from Amazon's models when available, splitting it into an
 * envelope schema and the per-message schema (so each of 25,000 messages gets its own issues).
 * Without the file, a built-in subset of the same rules applies.
 */
export function loadListingsFeedValidators(modelsDir: string | undefined): ListingsFeedValidators {
  const file = modelsDir ? path.join(modelsDir, 'schemas', 'feeds', 'listings-feed-schema-v2.json') : undefined;
  if (file && fs.existsSync(file)) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      properties: { header: unknown; messages: { items: unknown; minItems?: number; maxItems?: number } };
    };
    const ajv = new Ajv({ allErrors: false, strict: false });
    const envelope: ValidateFunction = ajv.compile({
      type: 'object',
      required: ['header', 'messages'],
      properties: {
        header: schema.properties.header,
        messages: { type: 'array', minItems: schema.properties.messages.minItems ?? 1, maxItems: schema.properties.messages.maxItems ?? 25_000 },
      },
    });
    const message: ValidateFunction = ajv.compile(schema.properties.messages.items as object);
    return {
      source: 'amazon-schema',
      envelope: (doc) => (envelope(doc) ? [] : toViolations(envelope.errors)),
      message: (msg) => (message(msg) ? [] : toViolations(message.errors)),
    };
  }
  return { source: 'built-in', envelope: builtInEnvelope, message: builtInMessage };
}

const OPS: Record<string, { required: string[]; forbidden: string[] }> = {
  UPDATE: { required: ['productType', 'attributes'], forbidden: ['patches'] },
  PARTIAL_UPDATE: { required: ['productType', 'attributes'], forbidden: ['requirements', 'patches'] },
  PATCH: { required: ['productType', 'patches'], forbidden: ['requirements', 'attributes'] },
  DELETE: { required: [], forbidden: ['requirements', 'attributes', 'productType', 'patches'] },
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function builtInEnvelope(doc: unknown): FeedViolation[] {
  if (!isObject(doc)) return [{ pointer: '/', message: 'document must be an object' }];
  const header = doc['header'];
  if (!isObject(header)) return [{ pointer: '/header', message: 'header is required' }];
  if (typeof header['sellerId'] !== 'string') return [{ pointer: '/header/sellerId', message: 'header.sellerId must be a string' }];
  if (header['version'] !== '2.0') return [{ pointer: '/header/version', message: "header.version must be '2.0'" }];
  const messages = doc['messages'];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 25_000) {
    return [{ pointer: '/messages', message: 'messages must be an array of 1 to 25,000 messages' }];
  }
  return [];
}

function builtInMessage(msg: unknown): FeedViolation[] {
  if (!isObject(msg)) return [{ pointer: '/', message: 'message must be an object' }];
  const id = msg['messageId'];
  if (!Number.isInteger(id) || (id as number) < 1 || (id as number) > 2_147_483_647)
    return [{ pointer: '/messageId', message: 'messageId must be an integer from 1 to 2147483647' }];
  if (typeof msg['sku'] !== 'string' || msg['sku'].length === 0) return [{ pointer: '/sku', message: 'sku must be a non-empty string' }];
  const rules = OPS[String(msg['operationType'])];
  if (!rules) return [{ pointer: '/operationType', message: 'operationType must be one of UPDATE, PARTIAL_UPDATE, PATCH, DELETE' }];
  for (const f of rules.required) if (msg[f] === undefined) return [{ pointer: `/${f}`, message: `${f} is required for ${String(msg['operationType'])}` }];
  for (const f of rules.forbidden) if (msg[f] !== undefined) return [{ pointer: `/${f}`, message: `${f} is not allowed for ${String(msg['operationType'])}` }];
  if (msg['patches'] !== undefined && (!Array.isArray(msg['patches']) || msg['patches'].length === 0))
    return [{ pointer: '/patches', message: 'patches must contain at least one patch' }];
  return [];
}
