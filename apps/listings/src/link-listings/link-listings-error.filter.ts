import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { LINK_LISTINGS_ERRORS, LinkListingsError } from './link-listings.error';

/** Maps {@link LinkListingsError} codes to HTTP responses `{ code, message, details }`. */
@Catch(LinkListingsError)
export class LinkListingsErrorFilter implements ExceptionFilter<LinkListingsError> {
  catch(error: LinkListingsError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(LINK_LISTINGS_ERRORS[error.code]).json({ code: error.code, message: error.message, details: error.details });
  }
}
