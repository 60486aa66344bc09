import type { Readable } from 'node:stream';

/** Body the transport can send: text, bytes, or a Node stream (streamed, with a known length). */
export type TransportBody = string | Uint8Array | Readable;

/** One HTTP request as the client builds it. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute URL including the query string. */
  url: string;
  headers: Record<string, string>;
  body?: TransportBody;
  /** Whole-request deadline (headers and body) in ms; undefined = the transport's defaults. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One HTTP response; `body` must be consumed or destroyed by the caller. */
export interface TransportResponse {
  status: number;
  /** Header lookup, case-insensitive. */
  header(name: string): string | undefined;
  /** The body as a Node stream of Buffers (pulled on demand, so backpressure reaches the socket). */
  body: Readable;
  /** Reads the whole body as UTF-8 text (only for small JSON bodies). */
  text(): Promise<string>;
}

/**
 * The port every SP-API, LWA and document request goes through.
 *
 * Why a port: unit specs inject a typed fake, and the default ({@link UndiciHttpTransport}) keeps
 * one keep-alive connection pool per process.
 */
export interface HttpTransport {
  send(request: TransportRequest): Promise<TransportResponse>;
}

/** Reads a stream fully into a UTF-8 string (small bodies only). */
export async function readStreamText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
