import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { SCHEDULE_ERRORS, ScheduleError } from './schedules.error';

/** Maps {@link ScheduleError} codes to HTTP responses in the shared coded shape `{ code, message, details: [{ field, reason }] }`. */
@Catch(ScheduleError)
export class ScheduleErrorFilter implements ExceptionFilter<ScheduleError> {
  catch(error: ScheduleError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(SCHEDULE_ERRORS[error.code])
      .json(codedErrorBody(error.code, error.message, error.details));
  }
}
