import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { JOB_RUN_ERRORS, JobRunError } from './job-runs.error';

/** Maps {@link JobRunError} codes to HTTP responses in the shared coded shape `{ code, message, details: [{ field, reason }], context? }`. */
@Catch(JobRunError)
export class JobRunErrorFilter implements ExceptionFilter<JobRunError> {
  catch(error: JobRunError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(JOB_RUN_ERRORS[error.code])
      .json(codedErrorBody(error.code, error.message, error.details));
  }
}
