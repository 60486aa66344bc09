import { ConnectionOwnership } from '@amazon-channel/platform-auth';
import { Injectable, Optional, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { invalidIdParams, nulBytePaths } from './input-checks';
import { PlatformHttpError } from './platform-http.error';

/**
 * The platform's input checks on every HTTP route, after authentication and before any pipe or
 * handler: no NUL byte in any string of body, query or path (PostgreSQL refuses them, which used to
 * surface as a 500), and id path parameters are UUIDs (`' OR 1=1 --` used to create jobs). Field
 * rules of each body (types, ranges, enums) stay with the modules' DTOs.
 *
 * Then, in a service that keeps the connections projection, a `:connectionId` route parameter must
 * name a connection of the caller's tenant (404 CONNECTION_NOT_FOUND otherwise), before any pipe or
 * handler can write: after the input checks, so a malformed id is a coded 400, not a lookup.
 */
@Injectable()
export class InputValidationInterceptor implements NestInterceptor {
  constructor(@Optional() private readonly ownership?: ConnectionOwnership) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { caller?: { tenantId: string } }>();
    checkRequest(request);
    const connectionId = request.params?.['connectionId'];
    if (this.ownership && request.caller && typeof connectionId === 'string') await this.ownership.ownedConnection(request.caller.tenantId, connectionId);
    return next.handle();
  }
}

/** Throws {@link PlatformHttpError} for the first kind of fault the request has. */
export function checkRequest(req: Pick<Request, 'body' | 'query' | 'params'>): void {
  const params = (req.params ?? {}) as Record<string, unknown>;
  const nul = [...nulBytePaths(params, 'params'), ...nulBytePaths(req.query ?? {}, 'query'), ...nulBytePaths(req.body, 'body')];
  if (nul.length) throw new PlatformHttpError('INVALID_INPUT', `${nul.map((issue) => issue.field).join(', ')}: NUL bytes are not accepted`, nul);
  const ids = invalidIdParams(params);
  if (ids.length) throw new PlatformHttpError('INVALID_ID', `${ids.map((issue) => issue.field.replace(/^params\./, '')).join(', ')} must be a UUID`, ids);
}
