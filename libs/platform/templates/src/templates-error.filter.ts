import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { TemplatesError } from './templates.error';

/**
 * Answers {@link TemplatesError} in the shared coded shape. Built here rather than with
 * `codedErrorBody` because each detail keeps libs/mapping's issue code next to field and reason.
 */
@Catch(TemplatesError)
export class TemplatesErrorFilter implements ExceptionFilter<TemplatesError> {
  catch(error: TemplatesError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(error.status)
      .json({ code: error.code, message: error.message, details: error.details, ...(error.context ? { context: error.context } : {}) });
  }
}
