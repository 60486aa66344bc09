import { HttpStatus } from '@nestjs/common';

/** Stable codes of the schedules module, each with its HTTP status. */
export const SCHEDULE_ERRORS = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  INVALID_TIMING: HttpStatus.BAD_REQUEST,
  INTERVAL_TOO_SHORT: HttpStatus.BAD_REQUEST,
  CRON_INVALID: HttpStatus.BAD_REQUEST,
  CRON_NEVER_FIRES: HttpStatus.BAD_REQUEST,
  CRON_TOO_FREQUENT: HttpStatus.BAD_REQUEST,
  UNKNOWN_TIME_ZONE: HttpStatus.BAD_REQUEST,
  IMPORT_IS_MANUAL: HttpStatus.BAD_REQUEST,
  OPERATION_NOT_RUNNABLE: HttpStatus.BAD_REQUEST,
  OPERATION_NOT_SCHEDULABLE: HttpStatus.BAD_REQUEST,
  SCHEDULE_NOT_FOUND: HttpStatus.NOT_FOUND,
  SCHEDULE_EXISTS: HttpStatus.CONFLICT,
} as const;

/** A schedules failure with a stable code; the filter maps it to its HTTP status. */
export class ScheduleError extends Error {
  constructor(
    readonly code: keyof typeof SCHEDULE_ERRORS,
    message: string,
    readonly details: Record<string, unknown> | Array<{ field: string; reason: string }> = {},
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}
