import { HttpStatus } from '@nestjs/common';

/** Stable codes of the job-runs module, each with its HTTP status. */
export const JOB_RUN_ERRORS = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  JOB_RUN_NOT_FOUND: HttpStatus.NOT_FOUND,
  JOB_ALREADY_RUNNING: HttpStatus.CONFLICT,
} as const;

/** A job-runs failure with a stable code; the filter maps it to its HTTP status. */
export class JobRunError extends Error {
  constructor(
    readonly code: keyof typeof JOB_RUN_ERRORS,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'JobRunError';
  }
}
