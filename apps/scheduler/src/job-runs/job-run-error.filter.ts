import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { JOB_RUN_ERRORS, JobRunError } from './job-runs.error';

/** Maps {@link JobRunError} codes to HTTP responses `{ code, message, details }`. */
@Catch(JobRunError)
export class JobRunErrorFilter implements ExceptionFilter<JobRunError> {
  catch(error: JobRunError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(JOB_RUN_ERRORS[error.code]).json({ code: error.code, message: error.message, details: error.details });
  }
}
