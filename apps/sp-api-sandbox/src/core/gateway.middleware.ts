import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { SandboxState } from '../state/sandbox-state';
import type { SpApiRequest } from './http';
import { parseJsonBody, readBody, sendError } from './http';
import { matchOperation, operationKey } from './operations';
import type { OperationDef } from './operations';
import { SandboxError, SandboxErrorCode } from './sandbox-error';

/** Largest SP-API JSON body accepted (Amazon answers 413 beyond its limits). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Paths that are not SP-API operations and skip token, rate-limit and fault handling. */
const PASS_THROUGH = [/^\/_sandbox(\/|$)/, /^\/auth\/o2\/token\/?$/, /^\/apps\//];

/** Adds `x-amzn-RequestId` to every response, as Amazon does (errors included). */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('x-amzn-RequestId', randomUUID());
  next();
}

/**
 * Amazon's edge for SP-API paths, in the order Amazon applies it: route (404/405), access token
 * (403), injected faults, usage plan (429), then body parsing (415/413/400). On success the
 * request carries its operation, seller and path parameters for the controller.
 */
export function createGateway(state: SandboxState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    if (PASS_THROUGH.some((r) => r.test(path))) {
      next();
      return;
    }
    handle(state, req as SpApiRequest, res).then(
      (ok) => (ok ? next() : undefined),
      (err: unknown) => {
        if (err instanceof SandboxError) sendError(res, err, matchedOperation(req));
        else next(err);
      },
    );
  };
}

async function handle(state: SandboxState, req: SpApiRequest, res: Response): Promise<boolean> {
  const match = matchOperation(req.method, req.path);
  if (match.kind === 'unknown') throw new SandboxError(SandboxErrorCode.NotFound, 'Resource not found.', `No operation is defined for ${req.path}.`);
  if (match.kind === 'wrong-method') {
    res.setHeader('Allow', match.allowed.join(', '));
    throw new SandboxError(SandboxErrorCode.MethodNotAllowed, 'Method not allowed.', `${req.method} is not supported on ${req.path}.`);
  }
  const { op, params } = match;
  const token = req.header('x-amz-access-token');
  const seller = authenticate(state, token, req.method, req.path);
  const record = state.auth.accessTokens.get(token ?? '');
  await injectFaults(state, op);

  const plan = state.faults.ratePlans[op.operationId] ?? op;
  const key = `${seller.sellingPartnerId}|${record?.clientId ?? ''}|${operationKey(op)}`;
  if (!state.limiter.take(key, plan, state.clock.now())) {
    throw new SandboxError(SandboxErrorCode.QuotaExceeded, 'You exceeded your quota for the requested resource.', '');
  }
  res.setHeader('x-amzn-RateLimit-Limit', String(plan.rate));

  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
    const type = req.header('content-type');
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (raw.length > 0 && type !== undefined && !/json/i.test(type)) {
      throw new SandboxError(SandboxErrorCode.UnsupportedMediaType, 'Unsupported media type.', `Content-Type ${type} is not supported; send application/json.`);
    }
    req.body = parseJsonBody(raw);
  }
  req.spApi = { op, params, seller, clientId: record?.clientId ?? '', rate: plan.rate };
  return true;
}

function authenticate(state: SandboxState, token: string | undefined, method: string, path: string) {
  if (!token) throw SandboxError.unauthorized('Access token is missing in the request header.');
  const record = state.auth.accessTokens.get(token);
  if (!record) throw SandboxError.unauthorized('The access token you provided is revoked, malformed or invalid.');
  if (record.expiresMs <= state.clock.now()) throw SandboxError.unauthorized('The access token you provided has expired.');
  if (record.sellingPartnerId === null) {
    throw SandboxError.unauthorized('This operation needs a seller authorization; grantless tokens are not accepted.');
  }
  if (record.restricted && !record.restricted.some((r) => r.method === method && pathMatches(r.path, path))) {
    throw SandboxError.unauthorized('The restricted data token does not cover this resource.');
  }
  const seller = state.sellers.get(record.sellingPartnerId);
  if (!seller) throw SandboxError.unauthorized('The selling partner of this token no longer exists.');
  return seller;
}

/** RDT paths are either specific or generic (`{orderId}` literally), per the Tokens API. */
function pathMatches(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return regex.test(path);
}

async function injectFaults(state: SandboxState, op: OperationDef): Promise<void> {
  const f = state.faults;
  if (f.operations.length > 0 && !f.operations.includes(op.operationId)) return;
  if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
  if (f.throttleNext > 0) {
    f.throttleNext -= 1;
    throw new SandboxError(SandboxErrorCode.QuotaExceeded, 'You exceeded your quota for the requested resource.', '');
  }
  if (f.errorRate > 0 && state.faultRandom() < f.errorRate) {
    throw f.errorStatus === 503
      ? new SandboxError(SandboxErrorCode.ServiceUnavailable, 'Service temporarily unavailable.', 'Injected by the sandbox.')
      : new SandboxError(SandboxErrorCode.InternalFailure, 'We encountered an internal error. Please try again.', 'Injected by the sandbox.');
  }
}

function matchedOperation(req: Request): OperationDef | undefined {
  const match = matchOperation(req.method, req.path);
  return match.kind === 'found' ? match.op : undefined;
}
