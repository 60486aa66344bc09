import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { LINK_LISTINGS_ERRORS, LinkListingsError } from './link-listings.error';

/** Maps {@link LinkListingsError} codes to HTTP responses in the shared coded shape `{ code, message, details: [{ field, reason }], context? }`. */
@Catch(LinkListingsError)
export class LinkListingsErrorFilter implements ExceptionFilter<LinkListingsError> {
  catch(error: LinkListingsError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(LINK_LISTINGS_ERRORS[error.code])
      .json(codedErrorBody(error.code, error.message, error.details));
  }
}
