import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { CHANNEL_LISTING_ERRORS, ChannelListingError } from './channel-listings.error';

/** Maps {@link ChannelListingError} codes to HTTP responses in the shared coded shape `{ code, message, details: [{ field, reason }], context? }`. */
@Catch(ChannelListingError)
export class ChannelListingErrorFilter implements ExceptionFilter<ChannelListingError> {
  catch(error: ChannelListingError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(CHANNEL_LISTING_ERRORS[error.code])
      .json(codedErrorBody(error.code, error.message, error.details));
  }
}
