import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Per-process signing key: URLs from a previous run are invalid, like rotated S3 credentials. */
const KEY = randomBytes(32);

function sign(method: string, documentId: string, expiresMs: number): string {
  return createHmac('sha256', KEY).update(`${method}\n${documentId}\n${expiresMs}`).digest('base64url');
}

/**
 * A pre-signed document URL under `/_sandbox/s3/` standing in for Amazon's S3 URLs: plain HTTP,
 * no SP-API headers, valid until `expiresMs` (Amazon: five minutes) and only for one method.
 */
export function presignedUrl(baseUrl: string, method: 'GET' | 'PUT', documentId: string, expiresMs: number): string {
  const q = new URLSearchParams({ 'X-Sandbox-Expires': String(expiresMs), 'X-Sandbox-Signature': sign(method, documentId, expiresMs) });
  return `${baseUrl}/_sandbox/s3/documents/${encodeURIComponent(documentId)}?${q.toString()}`;
}

/** Why a pre-signed URL was refused, or undefined when it is valid at `nowMs`. */
export function checkPresigned(
  method: string,
  documentId: string,
  expires: string | undefined,
  signature: string | undefined,
  nowMs: number,
): string | undefined {
  const expiresMs = Number(expires);
  if (!expires || !signature || !Number.isFinite(expiresMs)) return 'Query-string authentication requires the Signature and Expires parameters';
  const expected = Buffer.from(sign(method, documentId, expiresMs));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return 'The request signature we calculated does not match the signature you provided';
  if (nowMs > expiresMs) return 'Request has expired';
  return undefined;
}
