import * as grpc from '@grpc/grpc-js';
import { SignJWT } from 'jose';
import { createSecretKey } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { loadConnectionsClient } from '../connections/grpc/connections-grpc.server';

/** Obvious test fakes. */
export const JWT_SECRET = 'test-only-jwt-secret-auth-connections-0001';
export const INTERNAL_TOKEN = 'test-only-internal-token-auth-connections-01';
export const KEY_1 = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
export const KEY_2 = `k2:${Buffer.alloc(32, 2).toString('base64')}`;

/**
 * Helpers of auth-connections' integration specs (test code only; the harness start-up that needs
 * `@amazon-channel/testing` lives in the spec itself).
 */

/** Every log line the service wrote, for assertions (and a quiet test run). */
export class CapturedLog extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

/** Headers of a platform user of `tenantId`. */
export async function tenant(tenantId: string): Promise<Record<string, string>> {
  const token = await new SignJWT({ tenant_id: tenantId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`user@${tenantId}`)
    .setExpirationTime('10m')
    .sign(createSecretKey(Buffer.from(JWT_SECRET)));
  return { authorization: `Bearer ${token}` };
}

/** A JSON request; returns status and parsed body. */
export async function call(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> & { code?: string } }> {
  const res = await fetch(url, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * Does what a seller's browser does on the consent page: load it, pick the selling account,
 * submit the form with Authorize (or Cancel), and return the redirect Amazon sends back.
 */
export async function consent(consentUrl: string, options: { sellingPartnerId?: string; decision?: 'authorize' | 'cancel' } = {}): Promise<string> {
  const page = await fetch(consentUrl, { headers: { accept: 'text/html' } });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${html}`);
  const consentId = /name="consent_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!consentId || !action) throw new Error(`no consent form on ${consentUrl}`);
  const form = new URLSearchParams({ consent_id: consentId, decision: options.decision ?? 'authorize' });
  if (options.sellingPartnerId) form.set('selling_partner_id', options.sellingPartnerId);
  const submitted = await fetch(new URL(action, consentUrl), { method: 'POST', body: form, redirect: 'manual' });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location) throw new Error(`consent submit answered ${submitted.status}: ${await submitted.text()}`);
  return location;
}

/** Follows one redirect hop without following it further; returns the Location. */
export async function redirectOf(url: string): Promise<{ status: number; location: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.text();
  return { status: res.status, location: res.headers.get('location') };
}

/** Runs SQL against the harness's database. */
export async function query<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The answer or the error of one gRPC GetAccessToken call. */
export type GrpcOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; code: number; errorCode: string | undefined };

/** A gRPC client of `Connections`. */
export function grpcClient(port: number): { getAccessToken(connectionId: string, token?: string): Promise<GrpcOutcome>; close(): void } {
  const Connections = loadConnectionsClient();
  const client = new Connections(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    getAccessToken: (connectionId, token = INTERNAL_TOKEN) =>
      new Promise((resolve) => {
        const metadata = new grpc.Metadata();
        if (token) metadata.set('x-internal-token', token);
        (
          client as unknown as {
            getAccessToken: (req: unknown, md: grpc.Metadata, cb: (e: grpc.ServiceError | null, v: Record<string, unknown>) => void) => void;
          }
        ).getAccessToken({ connectionId }, metadata, (error, value) =>
          resolve(error ? { ok: false, code: error.code, errorCode: error.metadata.get('error-code')[0]?.toString() } : { ok: true, value }),
        );
      }),
    close: () => client.close(),
  };
}

/** Reads a Prometheus counter sum over the series matching `labels`. */
export async function counter(url: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && wanted.every((w) => line.includes(w)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** Retries `check` until it passes or the time is up. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
