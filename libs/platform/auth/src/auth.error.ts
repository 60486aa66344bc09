import { HttpStatus } from '@nestjs/common';

/** Stable codes for refused callers, with their HTTP status. */
export const AUTH_ERRORS = {
  AUTH_TOKEN_MISSING: HttpStatus.UNAUTHORIZED,
  AUTH_TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  // A token that names no tenant does not authenticate anyone: 401, like any other unusable token.
  AUTH_TENANT_MISSING: HttpStatus.UNAUTHORIZED,
  INTERNAL_TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
} as const;

/** A caller could not be authenticated; the message never repeats the token. */
export class AuthError extends Error {
  constructor(
    readonly code: keyof typeof AUTH_ERRORS,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }

  get status(): number {
    return AUTH_ERRORS[this.code];
  }
}
