import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { runWithCorrelation } from './correlation-context';

/** Puts each HTTP request in its correlation context and echoes the id back to the caller. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const header = req.headers['x-correlation-id'];
    const id = (Array.isArray(header) ? header[0] : header) ?? (req as IncomingMessage & { id?: string }).id ?? randomUUID();
    res.setHeader('x-correlation-id', id);
    runWithCorrelation(String(id), next);
  }
}
