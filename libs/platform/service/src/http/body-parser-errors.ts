import type { NextFunction, Request, Response } from 'express';
import { PlatformHttpError } from './platform-http.error';

/**
 * Express error middleware placed right behind the body parsers: a body that is not JSON becomes
 * `MALFORMED_JSON` naming the body. Other parser errors (413 too large, 415 charset or encoding)
 * pass on unchanged; the platform's exception filter codes them by status.
 */
export function bodyParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const parser = error as { type?: unknown; message?: unknown } | null;
  if (parser && parser.type === 'entity.parse.failed') {
    const reason = typeof parser.message === 'string' ? parser.message.slice(0, 200) : 'not valid JSON';
    next(new PlatformHttpError('MALFORMED_JSON', 'The request body is not valid JSON', [{ field: 'body', reason }]));
    return;
  }
  next(error);
}
