import { maybeCorrelationId } from '@amazon-channel/platform-observability';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { shapeHttpError } from './http-error-shape';

/**
 * The last filter of every service's HTTP side: whatever no module filter took (framework errors,
 * body-parser errors, unexpected failures) leaves as a coded body (see {@link shapeHttpError}).
 * Unexpected errors are logged once, as an `err` object, which the logger's error serializer strips
 * of SQL text and parameters. Registered with `useGlobalFilters` before the app initialises, so the
 * modules' filters (controller-scoped or `APP_FILTER`) are asked first.
 */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    // Kafka handlers have their own filter (RethrowRpcErrorsFilter); anything else is not ours.
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: unknown }>();
    const res = http.getResponse<Response>();
    const requestId = maybeCorrelationId() ?? (typeof req.id === 'string' ? req.id : undefined) ?? headerId(res) ?? randomUUID();
    const shaped = shapeHttpError(exception, requestId);
    if (shaped.unexpected)
      this.log.error({ err: exception, requestId, method: req.method, route: req.route?.path ?? null }, 'Unexpected error answering a request');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(shaped.status).json(shaped.body);
  }
}

function headerId(res: Response): string | undefined {
  const value = res.getHeader('x-correlation-id');
  return typeof value === 'string' ? value : undefined;
}
