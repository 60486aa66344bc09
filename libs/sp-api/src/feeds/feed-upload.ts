import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { SpApiError, SpApiErrorCode, redactUrl } from '../errors/sp-api-error';
import type { HttpTransport } from '../transport/http-transport';

/**
 * Feed content to upload. Streams need their byte length up front: S3 pre-signed PUTs reject
 * chunked uploads without `Content-Length` (AWS S3 behaviour, not stated in SP-API docs).
 */
export type FeedContent = string | Uint8Array | { stream: Readable; contentLength: number } | { filePath: string };

/**
 * PUTs feed content to the pre-signed URL from createFeedDocument with exactly the declared
 * content type, streaming files and streams without loading them into memory.
 */
export async function uploadFeedDocument(
  transport: HttpTransport,
  url: string,
  contentType: string,
  content: FeedContent,
  signal?: AbortSignal,
): Promise<void> {
  let body: string | Uint8Array | Readable;
  let length: number;
  if (typeof content === 'string') {
    body = content;
    length = Buffer.byteLength(content, 'utf8');
  } else if (content instanceof Uint8Array) {
    body = content;
    length = content.byteLength;
  } else if ('filePath' in content) {
    length = (await stat(content.filePath)).size;
    body = createReadStream(content.filePath);
  } else {
    body = content.stream;
    length = content.contentLength;
  }
  const res = await transport.send({
    method: 'PUT',
    url,
    headers: { 'content-type': contentType, 'content-length': String(length) },
    body,
    signal,
  });
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300) {
    throw new SpApiError({
      code: SpApiErrorCode.DocumentTransferFailed,
      message: `Feed document upload to ${redactUrl(url)} failed with HTTP ${res.status}`,
      status: res.status,
      details: text.slice(0, 500) || undefined,
      retryable: res.status >= 500,
    });
  }
}
