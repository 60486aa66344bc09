import { SandboxError } from './sandbox-error';

/**
 * Opaque pagination tokens: the query they continue plus the offset and issue time, so a token is
 * tied to its query and can expire (Orders: 24 h).
 */
export function encodePageToken(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Decodes a token made by {@link encodePageToken}; 400 naming the parameter when it is not one. */
export function decodePageToken(token: string, param: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw SandboxError.invalid(param, `Invalid ${param}.`);
}
