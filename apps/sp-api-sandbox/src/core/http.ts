import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { SellerState } from '../state/seller-state';
import type { OperationDef } from './operations';
import { SandboxError, SandboxErrorCode, errorBody } from './sandbox-error';

/** What the gateway learnt about an SP-API request before the controller runs. */
export interface SpApiContext {
  op: OperationDef;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  seller: SellerState;
  clientId: string;
  /** The operation's usage plan as applied (after fault overrides). */
  rate: number;
}

/** An express request that went through the gateway. */
export type SpApiRequest = Request & { spApi?: SpApiContext; rawBody?: Buffer };

/** The gateway context; a programming error if a controller runs without it. */
export function ctx(req: Request): SpApiContext {
  const c = (req as SpApiRequest).spApi;
  if (!c) throw new SandboxError(SandboxErrorCode.InternalFailure, 'request did not pass the SP-API gateway');
  return c;
}

/** Reads a request body up to `limit` bytes (413 beyond). */
export function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new SandboxError(SandboxErrorCode.RequestTooLarge, `Request body exceeds ${limit} bytes.`, 'body'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

/** Parses a JSON body; malformed JSON is a 400 naming the body, as Amazon's gateway answers. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw SandboxError.invalid('body', `Malformed JSON in the request body: ${(e as Error).message}`);
  }
}

/** Validates input with a zod schema; the first issue becomes a 400 naming its field. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [root, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  throw SandboxError.invalid(field, `Invalid input: ${field} ${issue?.message ?? 'is invalid'}.`);
}

/** A single-valued query parameter. */
export function queryString(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A `collectionFormat: csv` query array (also accepts repeated parameters). */
export function queryList(req: Request, name: string): string[] | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  const parts = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  if (parts.length === 0) return undefined;
  return parts
    .flatMap((p) => p.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Query integer within bounds, 400 otherwise. */
export function queryInt(req: Request, name: string, min: number, max: number): number | undefined {
  const v = queryString(req, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw SandboxError.invalid(name, `${name} must be an integer between ${min} and ${max}.`);
  return n;
}

/** Checks that every value is one of the allowed ones. */
export function checkEnum(name: string, values: string[] | undefined, allowed: readonly string[]): void {
  for (const v of values ?? []) {
    if (!allowed.includes(v)) throw SandboxError.invalid(name, `Invalid value '${v}' for ${name}; allowed: ${allowed.join(', ')}.`);
  }
}

/** Parses an ISO 8601 date-time query parameter. */
export function queryDate(req: Request, name: string): number | undefined {
  const v = queryString(req, name);
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(ms)) throw SandboxError.invalid(name, `${name} must be an ISO 8601 date-time.`);
  return ms;
}

/** Sends an Amazon-shaped error (a bare array for the operations whose model declares one). */
export function sendError(res: Response, err: SandboxError, op?: OperationDef): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = errorBody(err.code, err.message, err.details);
  res
    .status(err.status)
    .type('application/json')
    .send(JSON.stringify(op?.errorShape === 'bare-array' ? body.errors : body));
}

/** Base URL the caller used (documents and consent redirects point back at it). */
export function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
