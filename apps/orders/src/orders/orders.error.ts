import { HttpStatus } from '@nestjs/common';

/** Stable codes of the orders service, each with its HTTP status. */
export const ORDERS_ERRORS = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  ORDER_NOT_FOUND: HttpStatus.NOT_FOUND,
  SOURCE_NOT_FOUND: HttpStatus.NOT_FOUND,
  SOURCE_NOT_COMPLIANT: HttpStatus.CONFLICT,
  ORDER_NOT_ROUTABLE: HttpStatus.CONFLICT,
  PII_REDACTED: HttpStatus.GONE,
  CONNECTION_NOT_FOUND: HttpStatus.NOT_FOUND,
  CONNECTION_UNAVAILABLE: HttpStatus.BAD_GATEWAY,
  INVALID_TEMPLATE: HttpStatus.UNPROCESSABLE_ENTITY,
  /** The database refused a write; the message carries the SQLSTATE only, never the database's text. */
  STORE_FAILED: HttpStatus.INTERNAL_SERVER_ERROR,
  /** The run's checkpoint could not be written with its page: the page rolled back and the run stops (not a bad order). */
  JOB_CHECKPOINT_FAILED: HttpStatus.INTERNAL_SERVER_ERROR,
} as const;

/** An orders failure with a stable code; the filter maps it to its HTTP status. Messages never hold PII. */
export class OrdersError extends Error {
  constructor(
    readonly code: keyof typeof ORDERS_ERRORS,
    message: string,
    /** `[{ field, reason }]` for a refused request; facts (ids, codes) otherwise. */
    readonly details: Record<string, unknown> | ReadonlyArray<{ field: string; reason: string }> = {},
  ) {
    super(message);
    this.name = 'OrdersError';
  }
}

/**
 * A database failure as an {@link OrdersError} that is safe to show: the database's message can
 * quote the values it refused (buyer data, raw Amazon text), so only its SQLSTATE is kept.
 * Anything that is not a database error passes through unchanged.
 */
export function storeFailure(error: unknown): unknown {
  if (error instanceof OrdersError || !(error instanceof Error)) return error;
  const driver = (error as { driverError?: { code?: unknown } }).driverError ?? error;
  const code = (driver as { code?: unknown }).code;
  if (error.name !== 'QueryFailedError' && !(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))) return error;
  return new OrdersError('STORE_FAILED', `The order store refused the write (SQLSTATE ${typeof code === 'string' ? code : 'unknown'})`, {
    sqlState: typeof code === 'string' ? code : null,
  });
}
