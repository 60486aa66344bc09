import type { FieldIssue } from '@amazon-channel/platform-observability';

/** Codes the platform layer answers with itself, each with its HTTP status. */
export const PLATFORM_HTTP_ERRORS = {
  /** The body is not parseable JSON. */
  MALFORMED_JSON: 400,
  /** A string in body, query or path holds what the service cannot store (a NUL byte). */
  INVALID_INPUT: 400,
  /** An id path parameter is not a UUID. */
  INVALID_ID: 400,
} as const;

/** A request refused by the platform's input checks, before any handler ran. */
export class PlatformHttpError extends Error {
  constructor(
    readonly code: keyof typeof PLATFORM_HTTP_ERRORS,
    message: string,
    readonly details: FieldIssue[],
  ) {
    super(message);
    this.name = 'PlatformHttpError';
  }

  get status(): number {
    return PLATFORM_HTTP_ERRORS[this.code];
  }
}
