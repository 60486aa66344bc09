import type { FieldIssue } from '@amazon-channel/platform-observability';
import { HttpStatus } from '@nestjs/common';

/** Stable codes of the publish-listings module, each with its HTTP status. */
export const PUBLISH_LISTINGS_ERRORS = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  JOB_ALREADY_OPEN: HttpStatus.CONFLICT,
  JOB_NOT_FOUND: HttpStatus.NOT_FOUND,
} as const;

/** A publish-listings request refused with a stable code; the filter maps it to HTTP. */
export class PublishListingsError extends Error {
  constructor(
    readonly code: keyof typeof PUBLISH_LISTINGS_ERRORS,
    message: string,
    readonly details: FieldIssue[] | Record<string, unknown> = [],
  ) {
    super(message);
    this.name = 'PublishListingsError';
  }
}
