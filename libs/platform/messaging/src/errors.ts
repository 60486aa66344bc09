/** Stable codes for why a message was not applied. */
export type MessagingErrorCode = 'INVALID_MESSAGE' | 'HANDLER_FAILED' | 'RETRIES_EXHAUSTED' | 'NO_HANDLER';

/** Retrying cannot help (bad payload, broken invariant): the message goes to the dead-letter topic at once. */
export class PermanentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** A passing failure (database, network, Amazon): retried with bounded backoff, then dead-lettered. */
export class TransientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransientError';
  }
}
