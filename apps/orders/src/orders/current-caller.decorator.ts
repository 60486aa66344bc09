import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The authenticated caller's token subject (for audit rows); `unknown` when the token has none. */
export const CurrentSubject = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const caller = context.switchToHttp().getRequest<{ caller?: { subject: string | null } }>().caller;
  return caller?.subject ?? 'unknown';
});
