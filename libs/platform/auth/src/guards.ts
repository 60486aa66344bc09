import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Caller } from './token-verifier';
import { TokenVerifier } from './token-verifier';

const PUBLIC = 'amazon-channel:public';
const INTERNAL = 'amazon-channel:internal';

/** Marks a route as open (health, metrics, OAuth redirects from Amazon). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);
/** Marks a route as internal: other services only, with `x-internal-token`; no tenant JWT. */
export const Internal = (): MethodDecorator & ClassDecorator => SetMetadata(INTERNAL, true);

type AuthenticatedRequest = Request & { caller?: Caller };

/**
 * Who may call a route: anyone (`public`), other services with `x-internal-token` (`internal`),
 * or a platform user with a tenant JWT (`tenant`). The guard decides with it; the OpenAPI document
 * uses it to list 401 only where a caller can be refused.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function routeAccess(reflector: Reflector, handler: Function, controller: Function): 'public' | 'internal' | 'tenant' {
  if (reflector.getAllAndOverride<boolean>(PUBLIC, [handler, controller])) return 'public';
  if (reflector.getAllAndOverride<boolean>(INTERNAL, [handler, controller])) return 'internal';
  return 'tenant';
}

/**
 * Global guard: every route needs a platform JWT naming the tenant unless marked {@link Public}
 * or {@link Internal}. Handlers read the tenant with {@link CurrentTenant}. (The `:connectionId`
 * ownership check runs right after, with the platform's input checks: see platform-service's
 * `InputValidationInterceptor`, so a malformed id is a coded 400 before any lookup.)
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(INTERNAL, targets)) {
      const header = request.headers['x-internal-token'];
      this.verifier.verifyInternal(Array.isArray(header) ? header[0] : header);
      return true;
    }
    request.caller = await this.verifier.verifyBearer(request.headers.authorization);
    return true;
  }
}

/** The authenticated caller's tenant id. */
export const CurrentTenant = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new Error('CurrentTenant used on a route without tenant authentication');
  return caller.tenantId;
});
