import { HttpStatus } from '@nestjs/common';

/** Stable codes of the import-listings module, each with its HTTP status (where one applies). */
export const IMPORT_LISTINGS_ERRORS = {
  INVALID_SETTINGS: HttpStatus.BAD_REQUEST,
  JOB_ALREADY_OPEN: HttpStatus.CONFLICT,
  JOB_NOT_FOUND: HttpStatus.NOT_FOUND,
  REPORT_UNREADABLE: HttpStatus.BAD_GATEWAY,
  INTERRUPTED: HttpStatus.SERVICE_UNAVAILABLE,
} as const;

/** An Import Listings failure with a stable code; the filter maps it to HTTP, the job runner to FAILED. */
export class ImportListingsError extends Error {
  constructor(
    readonly code: keyof typeof IMPORT_LISTINGS_ERRORS,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ImportListingsError';
  }
}
