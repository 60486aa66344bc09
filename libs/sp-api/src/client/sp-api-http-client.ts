import type { AccessTokenProvider } from '../auth/access-token-provider';
import type { SpApiRegion } from '../config/regions';
import type { AmazonErrorEntry } from '../errors/sp-api-error';
import { SpApiError, SpApiErrorCode } from '../errors/sp-api-error';
import type { SpApiObserver } from '../observability/sp-api-observer';
import type { CallPriority, LimiterClock } from '../rate-limit/rate-limiter';
import { RateLimiter, SYSTEM_CLOCK } from '../rate-limit/rate-limiter';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit-store';
import type { BucketPlan } from '../rate-limit/usage-plans';
import { USAGE_PLANS } from '../rate-limit/usage-plans';
import type { HttpTransport, TransportResponse } from '../transport/http-transport';
import type { SpApiRequest } from './request-builder';
import { serializeQuery } from './request-builder';
import type { RetryPolicy } from './retry-policy';
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, backoffDelayMs, parseRetryAfter } from './retry-policy';

/** A successful SP-API result with the metadata support and the limiter need. */
export interface SpApiResponse<T> {
  data: T;
  status: number;
  /** `x-amzn-RequestId` of the response. */
  requestId?: string;
  /** `x-amzn-RateLimit-Limit` (requests/s) when Amazon sent it. */
  rateLimit?: number;
}

/** Per-call options. */
export interface CallOptions {
  /** Queue priority; default `normal`. */
  priority?: CallPriority;
  /** Cancels queueing and the request. */
  signal?: AbortSignal;
  /** Use this provider instead of the client's (e.g. a Restricted Data Token). */
  accessTokens?: AccessTokenProvider;
}

/** An additional bucket a call must also take a token from (e.g. per feed type). */
export interface ExtraBucket {
  name: string;
  plan: BucketPlan;
}

/** Seller account + plumbing for {@link SpApiHttpClient}. */
export interface SpApiHttpClientOptions {
  region: SpApiRegion;
  /** The seller's selling_partner_id (merchant token): half of the rate-limit key. */
  sellingPartnerId: string;
  baseUrl: string;
  accessTokens: AccessTokenProvider;
  transport: HttpTransport;
  /** Share one limiter per process; default: a private in-memory one. */
  rateLimiter?: RateLimiter;
  retry?: Partial<RetryPolicy>;
  observer?: SpApiObserver;
  /** `user-agent` header, `<AppName>/<version> (Language=…)`. */
  userAgent?: string;
  /** Per-attempt deadline (ms). Default 30 s. */
  timeoutMs?: number;
  clock?: LimiterClock;
  random?: () => number;
}

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);

/**
 * Executes {@link SpApiRequest}s for one seller account: rate-limit queueing, access token,
 * transport, 403 token refresh, bounded retries, error typing, limit adaptation and metrics.
 */
export class SpApiHttpClient {
  readonly region: SpApiRegion;
  readonly sellingPartnerId: string;
  readonly rateLimiter: RateLimiter;
  readonly transport: HttpTransport;
  private readonly retry: RetryPolicy;
  /** Time source (virtual in specs); also used by report/feed polling. */
  readonly clock: LimiterClock;
  private readonly random: () => number;
  private readonly knownRates = new Map<string, number>();

  constructor(private readonly options: SpApiHttpClientOptions) {
    this.region = options.region;
    this.sellingPartnerId = options.sellingPartnerId;
    this.transport = options.transport;
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.rateLimiter = options.rateLimiter ?? new RateLimiter(new InMemoryRateLimitStore(), { clock: this.clock });
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
  }

  /** Rate-limit key of an operation (or extra bucket) for this seller account. */
  bucketKey(name: string): string {
    return `${this.sellingPartnerId}:${this.region}:${name}`;
  }

  /** Sends a request with queueing, retries and typing; resolves with parsed JSON (`undefined` for 204). */
  async execute<T>(req: SpApiRequest, options: CallOptions = {}, extraBuckets: ExtraBucket[] = []): Promise<SpApiResponse<T>> {
    const plan = USAGE_PLANS[req.operation];
    const key = this.bucketKey(req.operation);
    const tokens = options.accessTokens ?? this.options.accessTokens;
    const qs = serializeQuery(req.query);
    const url = `${this.options.baseUrl}${req.path}${qs ? `?${qs}` : ''}`;
    const bodyText = req.body === undefined ? undefined : JSON.stringify(req.body);
    const base = { operation: req.operation, sellingPartnerId: this.sellingPartnerId, region: this.region };
    let tokenRefreshed = false;

    for (let attempt = 1; ; attempt++) {
      const queuedAt = this.clock.now();
      // The scarcer extra buckets first, so a token of the operation's bucket is not held while waiting.
      for (const extra of extraBuckets) {
        await this.rateLimiter.acquire(this.bucketKey(extra.name), extra.plan, options.priority, options.signal);
      }
      await this.rateLimiter.acquire(key, this.planFor(key, plan), options.priority, options.signal);
      const accessToken = await tokens.getAccessToken();
      const started = this.clock.now();
      let res: TransportResponse;
      try {
        res = await this.transport.send({
          method: req.method,
          url,
          headers: {
            'x-amz-access-token': accessToken,
            accept: 'application/json',
            'user-agent': this.options.userAgent ?? 'amazon-channel/0.1 (Language=TypeScript)',
            ...(bodyText !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: bodyText,
          timeoutMs: this.options.timeoutMs ?? 30_000,
          signal: options.signal,
        });
      } catch (err) {
        const error = err instanceof SpApiError ? err : toNetworkError(err);
        this.emit('onCall', { ...base, status: undefined, latencyMs: this.clock.now() - started, queuedMs: started - queuedAt, attempt });
        // Non-idempotent writes are not re-sent after a connection failure: Amazon may have applied them.
        if (IDEMPOTENT.has(req.method) && attempt < this.retry.maxAttempts && !options.signal?.aborted) {
          const delayMs = backoffDelayMs(attempt, this.retry, undefined, this.random);
          this.emit('onRetry', { ...base, attempt, delayMs, status: undefined, reason: 'network' });
          await this.clock.sleep(delayMs);
          continue;
        }
        throw new SpApiError({ ...errorFields(error), operation: req.operation });
      }

      const requestId = res.header('x-amzn-requestid');
      const rateLimit = parseRate(res.header('x-amzn-ratelimit-limit'));
      const callEvent = { ...base, status: res.status, latencyMs: this.clock.now() - started, queuedMs: started - queuedAt, attempt, requestId };
      this.emit('onCall', callEvent);
      if (rateLimit !== undefined) await this.adapt(key, plan, rateLimit, base);

      if (res.status >= 200 && res.status < 300) {
        const text = await res.text();
        let data: T;
        try {
          data = (text.length > 0 ? JSON.parse(text) : undefined) as T;
        } catch (err) {
          throw new SpApiError({
            code: SpApiErrorCode.InvalidResponse,
            message: `${req.operation} returned HTTP ${res.status} with a body that is not JSON`,
            operation: req.operation,
            status: res.status,
            requestId,
            cause: err,
          });
        }
        return { data, status: res.status, requestId, rateLimit };
      }

      const errorBody = await res.text().catch(() => '');
      const errors = parseErrors(errorBody);
      const first = errors[0];

      if (res.status === 403 && !tokenRefreshed && looksLikeTokenProblem(errors)) {
        tokenRefreshed = true;
        await tokens.invalidate(accessToken);
        this.emit('onRetry', { ...base, attempt, delayMs: 0, status: 403, reason: 'token-refresh' });
        attempt--; // the refresh retry does not consume the retry budget
        continue;
      }

      if (res.status === 429) {
        this.emit('onThrottled', callEvent);
        // Amazon's bucket is empty; ours must be too, so queued callers wait for a real refill.
        await this.rateLimiter.store.drain(key, this.planFor(key, plan));
      }

      if (RETRYABLE_STATUSES.has(res.status) && attempt < this.retry.maxAttempts) {
        const delayMs = backoffDelayMs(attempt, this.retry, parseRetryAfter(res.header('retry-after'), this.clock.now()), this.random);
        this.emit('onRetry', {
          ...base,
          attempt,
          delayMs,
          status: res.status,
          reason: res.status === 429 ? 'throttled' : 'server-error',
        });
        await this.clock.sleep(delayMs);
        continue;
      }

      throw new SpApiError({
        code: statusCode(res.status),
        message: `${req.operation} failed with HTTP ${res.status}${first ? `: ${first.code}: ${first.message}` : ''}`,
        operation: req.operation,
        status: res.status,
        requestId,
        amazonCode: first?.code,
        amazonMessage: first?.message,
        details: first?.details,
        errors,
        retryable: RETRYABLE_STATUSES.has(res.status),
      });
    }
  }

  private planFor(key: string, plan: BucketPlan): BucketPlan {
    const rate = this.knownRates.get(key);
    return rate === undefined ? { rate: plan.rate, burst: plan.burst } : { rate, burst: plan.burst };
  }

  private async adapt(key: string, plan: BucketPlan, rate: number, base: { operation: string; sellingPartnerId: string; region: string }): Promise<void> {
    const previousRate = this.knownRates.get(key) ?? plan.rate;
    if (Math.abs(previousRate - rate) < 1e-9) return;
    this.knownRates.set(key, rate);
    await this.rateLimiter.store.updateRate(key, rate, { rate, burst: plan.burst });
    this.emit('onRateAdapted', { ...base, previousRate, rate });
  }

  private emit<K extends keyof SpApiObserver>(hook: K, event: Parameters<NonNullable<SpApiObserver[K]>>[0]): void {
    const fn = this.options.observer?.[hook] as ((e: typeof event) => void) | undefined;
    if (!fn) return;
    try {
      fn.call(this.options.observer, event);
    } catch {
      // Metrics must never break a call.
    }
  }
}

function statusCode(status: number): SpApiErrorCode {
  if (status === 429) return SpApiErrorCode.Throttled;
  if (status === 403) return SpApiErrorCode.Forbidden;
  return SpApiErrorCode.HttpError;
}

function toNetworkError(err: unknown): SpApiError {
  return new SpApiError({ code: SpApiErrorCode.Network, message: 'HTTP request failed', retryable: true, cause: err });
}

function errorFields(e: SpApiError): ConstructorParameters<typeof SpApiError>[0] {
  return { code: e.code, message: e.message, status: e.status, retryable: e.retryable, cause: e };
}

/** Parses `x-amzn-RateLimit-Limit` (requests/s); ignores junk and non-positive values. */
export function parseRate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Reads Amazon's `{ errors: [...] }` body; tolerant of empty or non-JSON bodies. */
export function parseErrors(text: string): AmazonErrorEntry[] {
  if (!text) return [];
  try {
    const json = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(json.errors)) return [];
    return json.errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({
        code: asText(e['code']),
        message: asText(e['message']),
        ...(asText(e['details']) !== '' ? { details: asText(e['details']) } : {}),
      }));
  } catch {
    return [];
  }
}

/** A scalar as text; objects become JSON rather than "[object Object]". */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Amazon answers 403 both for expired/invalid tokens and for missing roles; only the former is
 * fixed by a new token. Amazon's messages for the token cases mention the "access token"
 * (e.g. "The access token you provided has expired."); a 403 without a body is treated as a token
 * problem too because refreshing once is cheap and bounded.
 */
function looksLikeTokenProblem(errors: AmazonErrorEntry[]): boolean {
  if (errors.length === 0) return true;
  return errors.some((e) => /token/i.test(`${e.message} ${e.details ?? ''}`));
}
