import { codedErrorBody } from '@amazon-channel/platform-observability';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConnectionError } from './connections.error';
import { escapeHtml } from './domain/html';

/**
 * Maps {@link ConnectionError} to the shared coded shape `{ code, message, details: [{ field, reason }], context? }` with its status; browsers on the
 * OAuth redirects get the same as a small HTML page.
 */
@Catch(ConnectionError)
export class ConnectionErrorFilter implements ExceptionFilter<ConnectionError> {
  catch(error: ConnectionError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    res.status(error.status);
    if (req.path.startsWith('/oauth/') && (req.headers.accept ?? '').includes('text/html')) {
      res.setHeader('Referrer-Policy', 'no-referrer');
      res
        .type('text/html')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Amazon connection failed</title></head><body><h1>The Amazon connection could not be completed</h1><p id="code">${escapeHtml(error.code)}</p><p id="message">${escapeHtml(error.message)}</p></body></html>`,
        );
      return;
    }
    res.json(codedErrorBody(error.code, error.message, error.details));
  }
}
