import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuthError } from './auth.error';

/** Maps {@link AuthError} to `{ code, message }` with its status. */
@Catch(AuthError)
export class AuthErrorFilter implements ExceptionFilter<AuthError> {
  catch(error: AuthError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(error.status).json({ code: error.code, message: error.message });
  }
}
