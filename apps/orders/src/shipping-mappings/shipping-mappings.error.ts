import { HttpStatus } from '@nestjs/common';

/** Stable codes of the shipping mappings, each with its HTTP status. */
export const SHIPPING_MAPPINGS_ERRORS = {
  SHIPPING_MAPPING_NOT_FOUND: HttpStatus.NOT_FOUND,
  SHIPPING_MAPPING_CONFLICT: HttpStatus.CONFLICT,
} as const;

/** A shipping-mapping failure with a stable code; the service's error filter maps it to its HTTP status. */
export class ShippingMappingsError extends Error {
  constructor(
    readonly code: keyof typeof SHIPPING_MAPPINGS_ERRORS,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ShippingMappingsError';
  }
}
