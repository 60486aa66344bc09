import { PassThrough, Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { SpApiError, SpApiErrorCode, redactUrl } from '../errors/sp-api-error';
import type { HttpTransport } from '../transport/http-transport';
import type { SpApiRegion } from '../config/regions';
import { resolveCharset } from './charset';
import { createCharsetDecoder } from './charset-decoder';
import type { TsvRow, TsvRowParserOptions } from './tsv-row-parser';
import { TsvRowParser } from './tsv-row-parser';

/** A downloaded (not yet decoded) document. */
export interface DocumentDownload {
  /** Raw bytes as they arrive (still compressed if Amazon compressed them). */
  body: Readable;
  contentType?: string;
}

/**
 * GETs a pre-signed document URL (no SP-API headers: S3 rejects them). The URL never appears in
 * errors because its query string is a credential.
 */
export async function downloadDocument(transport: HttpTransport, url: string, signal?: AbortSignal): Promise<DocumentDownload> {
  const res = await transport.send({ method: 'GET', url, headers: {}, signal });
  if (res.status !== 200) {
    res.body.resume();
    throw new SpApiError({
      code: SpApiErrorCode.DocumentTransferFailed,
      message: `Document download from ${redactUrl(url)} failed with HTTP ${res.status}`,
      status: res.status,
      retryable: res.status >= 500,
    });
  }
  return { body: res.body, contentType: res.header('content-type') };
}

/**
 * Returns a stream of the document's bytes, gunzipped when they start with the gzip magic number
 * (1f 8b). Amazon's `compressionAlgorithm` flag is not trusted alone: documents served with
 * `Content-Encoding: gzip` may already be inflated by a proxy, and old ones lack the flag.
 */
export async function decompressIfGzip(source: Readable): Promise<Readable> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let length = 0;
  while (length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    length += next.value.length;
  }
  const first = Buffer.concat(head);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (first.length > 0) yield first;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // A consumer that stops early must release the socket behind the source.
      await iterator.return?.();
    }
  }
  const replayed = Readable.from(replay(), { objectMode: false });
  const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  if (!gzip) return replayed;
  const out = new PassThrough();
  pipeline(replayed, createGunzip(), out, (err) => {
    if (err) out.destroy(err);
  });
  return out;
}

/** Options for {@link parseTsvDocument} / {@link streamReportRows}. */
export interface TsvDocumentOptions extends TsvRowParserOptions {
  /** Content-Type of the download (its charset wins). */
  contentType?: string;
  reportType?: string;
  region?: SpApiRegion;
  marketplaceId?: string;
  /** Force a charset (overrides Content-Type). */
  charset?: string;
}

/**
 * bytes → (gunzip) → charset decode → TSV rows. The returned stream is object-mode and
 * async-iterable; a slow consumer slows the download (backpressure end to end).
 */
export async function parseTsvDocument(bytes: Readable, options: TsvDocumentOptions = {}): Promise<Readable> {
  const charset = options.charset ?? resolveCharset(options.contentType, options);
  const inflated = await decompressIfGzip(bytes);
  const parser = new TsvRowParser(options);
  pipeline(inflated, createCharsetDecoder(charset), parser, (err) => {
    if (err) parser.destroy(err);
  });
  return parser;
}

/**
 * Downloads a report document URL and streams its rows keyed by header name.
 *
 * @example for await (const row of await streamReportRows(transport, doc.url, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', region: 'NA' })) …
 */
export async function streamReportRows(
  transport: HttpTransport,
  url: string,
  options: TsvDocumentOptions & { signal?: AbortSignal } = {},
): Promise<AsyncIterable<TsvRow> & Readable> {
  const download = await downloadDocument(transport, url, options.signal);
  return parseTsvDocument(download.body, { ...options, contentType: options.contentType ?? download.contentType });
}

/** Reads a (possibly gzipped) document fully as text in its charset — for small documents such as feed processing reports. */
export async function readDocumentText(bytes: Readable, contentType?: string, fallbackCharset = 'utf-8'): Promise<string> {
  const declared = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  const charset = declared && iconv.encodingExists(declared) ? declared : fallbackCharset;
  const inflated = await decompressIfGzip(bytes);
  const chunks: Buffer[] = [];
  for await (const chunk of inflated) chunks.push(chunk as Buffer);
  return iconv.decode(Buffer.concat(chunks), charset);
}
