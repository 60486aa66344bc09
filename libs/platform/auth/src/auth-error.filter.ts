import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuthError } from './auth.error';

/** Maps {@link AuthError} to the shared coded shape `{ code, message, details: [] }` with its status. */
@Catch(AuthError)
export class AuthErrorFilter implements ExceptionFilter<AuthError> {
  catch(error: AuthError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(error.status).json(codedErrorBody(error.code, error.message));
  }
}
