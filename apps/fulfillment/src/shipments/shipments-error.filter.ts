import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { SHIPMENTS_ERRORS, ShipmentsError } from './shipments.error';

/** Maps {@link ShipmentsError} codes to HTTP responses in the shared coded shape `{ code, message, details }`. */
@Catch(ShipmentsError)
export class ShipmentsErrorFilter implements ExceptionFilter<ShipmentsError> {
  catch(error: ShipmentsError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(SHIPMENTS_ERRORS[error.code])
      .json(codedErrorBody(error.code, error.message, error.details));
  }
}
