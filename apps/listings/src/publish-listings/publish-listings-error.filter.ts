import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { PUBLISH_LISTINGS_ERRORS, PublishListingsError } from './publish-listings.error';

/** Maps {@link PublishListingsError} codes to HTTP responses in the shared coded shape. */
@Catch(PublishListingsError)
export class PublishListingsErrorFilter implements ExceptionFilter<PublishListingsError> {
  catch(error: PublishListingsError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(PUBLISH_LISTINGS_ERRORS[error.code])
      .json(codedErrorBody(error.code, error.message, error.details));
  }
}
