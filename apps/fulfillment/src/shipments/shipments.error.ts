import { HttpStatus } from '@nestjs/common';

/** Stable codes of the shipments module, each with its HTTP status. */
export const SHIPMENTS_ERRORS = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  SHIPMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  PACKAGE_NOT_FOUND: HttpStatus.NOT_FOUND,
  PACKAGE_NOT_EDITABLE: HttpStatus.CONFLICT,
  CONNECTION_MISMATCH: HttpStatus.BAD_REQUEST,
} as const;

/** A shipments failure with a stable code; {@link ShipmentsErrorFilter} maps it to HTTP. */
export class ShipmentsError extends Error {
  constructor(
    readonly code: keyof typeof SHIPMENTS_ERRORS,
    message: string,
    /** For INVALID_REQUEST, every bad field with its reason. */
    readonly details: Record<string, unknown> | Array<{ field: string; reason: string }> = {},
  ) {
    super(message);
    this.name = 'ShipmentsError';
  }
}
