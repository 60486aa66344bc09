import { HttpStatus } from '@nestjs/common';

/** Stable codes of the orders service, each with its HTTP status. */
export const ORDERS_ERRORS = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  ORDER_NOT_FOUND: HttpStatus.NOT_FOUND,
  SHIPPING_MAPPING_NOT_FOUND: HttpStatus.NOT_FOUND,
  SHIPPING_MAPPING_CONFLICT: HttpStatus.CONFLICT,
  SOURCE_NOT_FOUND: HttpStatus.NOT_FOUND,
  SOURCE_NOT_COMPLIANT: HttpStatus.CONFLICT,
  ORDER_NOT_ROUTABLE: HttpStatus.CONFLICT,
  PII_REDACTED: HttpStatus.GONE,
  CONNECTION_NOT_FOUND: HttpStatus.NOT_FOUND,
  CONNECTION_UNAVAILABLE: HttpStatus.BAD_GATEWAY,
  INVALID_TEMPLATE: HttpStatus.UNPROCESSABLE_ENTITY,
} as const;

/** An orders failure with a stable code; the filter maps it to its HTTP status. Messages never hold PII. */
export class OrdersError extends Error {
  constructor(
    readonly code: keyof typeof ORDERS_ERRORS,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'OrdersError';
  }
}
