import { HttpStatus } from '@nestjs/common';

/** Stable codes of the link-listings module, each with its HTTP status. */
export const LINK_LISTINGS_ERRORS = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  LISTING_NOT_FOUND: HttpStatus.NOT_FOUND,
  NO_PLATFORM_LISTING: HttpStatus.CONFLICT,
  NOT_ON_AMAZON: HttpStatus.CONFLICT,
  JOB_ALREADY_OPEN: HttpStatus.CONFLICT,
} as const;

/** A link-listings failure with a stable code; {@link LinkListingsErrorFilter} maps it to HTTP. */
export class LinkListingsError extends Error {
  constructor(
    readonly code: keyof typeof LINK_LISTINGS_ERRORS,
    message: string,
    /** Context of the failure; for INVALID_REQUEST, every bad field with its reason. */
    readonly details: Record<string, unknown> | Array<{ field: string; reason: string }> = {},
  ) {
    super(message);
    this.name = 'LinkListingsError';
  }
}
