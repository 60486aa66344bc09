import type { OperationDef } from '../core/operations';
import { OPERATIONS } from '../core/operations';
import type { SandboxApp, SandboxAppOptions } from '../sandbox-app';
import { createSandboxApp } from '../sandbox-app';
import { DEFAULTS } from '../state/sandbox-state';
import { MODELS_AVAILABLE, ModelContract, SHARED_DIR } from './model-contract';

/** A response as the tests see it. */
export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

/** Options of {@link SandboxHarness.call}. */
export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  /** Raw body (sent as-is, e.g. malformed JSON). */
  rawBody?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

/** Finds an operation by id (and API name where the id repeats, e.g. getOrder). */
export function op(operationId: string, api?: string): OperationDef {
  const found = OPERATIONS.find((o) => o.operationId === operationId && (api === undefined || o.api === api));
  if (!found) throw new Error(`unknown operation ${operationId}`);
  return found;
}

/**
 * In-process sandbox plus a client that validates every SP-API response it receives against
 * Amazon's model for that operation (when the models are available).
 */
export class SandboxHarness {
  readonly contract: ModelContract | undefined = MODELS_AVAILABLE ? new ModelContract() : undefined;
  app!: SandboxApp;
  token = '';

  static async start(options: SandboxAppOptions = {}): Promise<SandboxHarness> {
    const h = new SandboxHarness();
    h.app = await createSandboxApp({ port: 0, sharedDir: SHARED_DIR, queueMs: 1000, processingMs: 2000, ...options });
    h.token = await h.accessToken(DEFAULTS.refreshToken);
    return h;
  }

  get baseUrl(): string {
    return this.app.baseUrl;
  }

  /** LWA refresh-token grant with the default app. */
  async accessToken(refreshToken: string): Promise<string> {
    const res = await this.lwa({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: DEFAULTS.clientId,
      client_secret: DEFAULTS.clientSecret,
    });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
    return (res.json as { access_token: string }).access_token;
  }

  /** POST /auth/o2/token with a form body. */
  async lwa(form: Record<string, string>): Promise<CallResult> {
    const res = await fetch(`${this.baseUrl}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams(form).toString(),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
  }

  /** Calls an SP-API operation and checks the response against the model. */
  async call<T = unknown>(operation: OperationDef, options: CallOptions = {}): Promise<CallResult<T>> {
    const path = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(options.params?.[name] ?? ''));
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) qs.set(k, Array.isArray(v) ? v.join(',') : String(v));
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? this.token : options.token;
    if (token !== null) headers['x-amz-access-token'] = token;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.baseUrl}${path}${qs.size > 0 ? `?${qs.toString()}` : ''}`, { method: operation.method, headers, body });
    const text = await res.text();
    this.contract?.check(operation, res.status, text, res.headers);
    return { status: res.status, headers: res.headers, text, json: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Calls the admin API. */
  async admin<T = unknown>(method: string, path: string, body?: unknown): Promise<CallResult<T>> {
    const res = await fetch(`${this.baseUrl}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: (text ? JSON.parse(text) : undefined) as T };
  }

  async advance(seconds: number): Promise<void> {
    await this.admin('POST', '/clock/advance', { seconds });
  }

  /** Stops the app and records the number of contract checks made under `suite`. */
  async stop(suite: string, extra: Record<string, unknown> = {}): Promise<void> {
    this.contract?.record(suite, extra);
    await this.app.close();
  }
}
