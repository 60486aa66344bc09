import { HttpStatus } from '@nestjs/common';

/** Stable codes of the channel-listings module, each with its HTTP status. */
export const CHANNEL_LISTING_ERRORS = {
  INVALID_QUERY: HttpStatus.BAD_REQUEST,
  LISTING_NOT_FOUND: HttpStatus.NOT_FOUND,
} as const;

/** A channel-listings failure with a stable code; {@link ChannelListingErrorFilter} maps it to HTTP. */
export class ChannelListingError extends Error {
  constructor(
    readonly code: keyof typeof CHANNEL_LISTING_ERRORS,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ChannelListingError';
  }
}
