import { Readable } from 'node:stream';
import { Agent, request as undiciRequest, errors as undiciErrors } from 'undici';
import { SpApiError, SpApiErrorCode } from '../errors/sp-api-error';
import type { HttpTransport, TransportRequest, TransportResponse } from './http-transport';
import { readStreamText } from './http-transport';

/** Connection and timeout settings for {@link UndiciHttpTransport}. */
export interface UndiciTransportOptions {
  /** TCP+TLS connect timeout (ms). Default 10 s. */
  connectTimeoutMs?: number;
  /** Max wait for response headers (ms). Default 30 s. */
  headersTimeoutMs?: number;
  /** Max idle time between body chunks (ms). Default 60 s (S3 document downloads stream long). */
  bodyTimeoutMs?: number;
  /** How long idle keep-alive sockets stay open (ms). Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Max sockets per origin. Default 32. */
  connections?: number;
}

/**
 * Default transport: undici's `request` over one keep-alive `Agent`.
 *
 * Why undici.request rather than fetch: it streams request bodies with an explicit
 * `content-length` (S3 pre-signed PUTs reject chunked uploads without a length) and returns the
 * body as a Node stream with real backpressure.
 */
export class UndiciHttpTransport implements HttpTransport {
  private readonly agent: Agent;

  constructor(options: UndiciTransportOptions = {}) {
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connections: options.connections ?? 32,
    });
  }

  async send(req: TransportRequest): Promise<TransportResponse> {
    const signals = [req.signal, req.timeoutMs ? AbortSignal.timeout(req.timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    try {
      const res = await undiciRequest(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal,
      });
      const headers = res.headers;
      const body = res.body as unknown as Readable;
      return {
        status: res.statusCode,
        header: (name) => {
          const v = headers[name.toLowerCase()];
          return Array.isArray(v) ? v.join(', ') : v;
        },
        body,
        text: () => readStreamText(body),
      };
    } catch (err) {
      throw toTransportError(err);
    }
  }

  /** Closes pooled sockets (call on shutdown). */
  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** Maps undici/abort failures onto SpApiError without echoing URLs (pre-signed URLs carry credentials). */
export function toTransportError(err: unknown): SpApiError {
  if (err instanceof SpApiError) return err;
  const e = err as { name?: string; code?: string };
  const timeout =
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError ||
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError';
  return new SpApiError({
    code: timeout ? SpApiErrorCode.Timeout : SpApiErrorCode.Network,
    message: timeout ? 'HTTP request timed out' : `HTTP request failed (${e?.code ?? e?.name ?? 'network error'})`,
    retryable: true,
    cause: err,
  });
}

/** Wraps a Buffer or string as a stream (used by fakes and small bodies). */
export function bufferToStream(data: string | Uint8Array): Readable {
  return Readable.from([typeof data === 'string' ? Buffer.from(data) : Buffer.from(data)]);
}
