import { Catch, HttpException } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { LwaError } from '../lwa/lwa-error';
import { sendError } from './http';
import type { SpApiRequest } from './http';
import { SandboxError, SandboxErrorCode } from './sandbox-error';

/**
 * Maps every error to Amazon's wire shapes so nothing a client sends can produce a stack trace or
 * a crash: SandboxError keeps its code, LWA errors use OAuth's shape, Nest's own 404/405 become
 * Amazon-style errors, anything else is a 500 InternalFailure.
 */
@Catch()
export class SpApiErrorFilter implements ExceptionFilter {
  constructor(private readonly onUnexpected: (e: unknown) => void = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<SpApiRequest>();
    if (exception instanceof LwaError) {
      res.status(exception.status).json({ error: exception.code, error_description: exception.description });
      return;
    }
    sendError(res, toSandboxError(exception, this.onUnexpected), req.spApi?.op);
  }
}

function toSandboxError(e: unknown, onUnexpected: (e: unknown) => void): SandboxError {
  if (e instanceof SandboxError) return e;
  if (e instanceof HttpException) {
    const status = e.getStatus();
    if (status === 404) return new SandboxError(SandboxErrorCode.NotFound, 'Resource not found.', '');
    if (status === 405) return new SandboxError(SandboxErrorCode.MethodNotAllowed, 'Method not allowed.', '');
    if (status === 413) return new SandboxError(SandboxErrorCode.RequestTooLarge, 'Request entity too large.', '');
    if (status < 500) return new SandboxError(SandboxErrorCode.InvalidInput, e.message, '');
  }
  onUnexpected(e);
  return new SandboxError(SandboxErrorCode.InternalFailure, 'We encountered an internal error. Please try again.', '');
}
