import { NotFoundException } from '@nestjs/common';

/**
 * The caller's tenant has no such connection: it does not exist, was deleted, or is another
 * tenant's. The answer is the same in all three cases (404 `CONNECTION_NOT_FOUND`), so nothing of
 * another tenant is revealed. An HTTP exception on purpose: every route's filter chain already
 * answers it with its status and `{ code, message }`.
 */
export class ConnectionNotFoundError extends NotFoundException {
  readonly code = 'CONNECTION_NOT_FOUND';

  constructor(readonly connectionId: string) {
    super({ code: 'CONNECTION_NOT_FOUND', message: `No connection ${connectionId}` });
    this.name = 'ConnectionNotFoundError';
  }
}
