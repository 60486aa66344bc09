import type { ConnectionStatus } from '../entities/connection.entity';

/** What can happen to a connection. */
export type ConnectionAction = 'authorize' | 'fail-auth' | 'revoke' | 'disable' | 'enable';

/**
 * Allowed moves. Authorizing again is allowed from every state but DISABLED (re-authorization,
 * recovery after a revocation or an auth failure); a disabled connection must be enabled first.
 */
const FROM: Record<ConnectionAction, readonly ConnectionStatus[]> = {
  authorize: ['PENDING_AUTHORIZATION', 'ACTIVE', 'AUTH_FAILED', 'REVOKED'],
  'fail-auth': ['ACTIVE'],
  revoke: ['ACTIVE', 'AUTH_FAILED'],
  disable: ['PENDING_AUTHORIZATION', 'ACTIVE', 'AUTH_FAILED', 'REVOKED'],
  enable: ['DISABLED'],
};

/** Whether `action` may be applied to a connection in `status`. */
export function canApply(action: ConnectionAction, status: ConnectionStatus): boolean {
  return FROM[action].includes(status);
}

/** The status after `action`; `enable` depends on whether a credential is still attached. */
export function nextStatus(action: ConnectionAction, hasCredential: boolean): ConnectionStatus {
  switch (action) {
    case 'authorize':
      return 'ACTIVE';
    case 'fail-auth':
      return 'AUTH_FAILED';
    case 'revoke':
      return 'REVOKED';
    case 'disable':
      return 'DISABLED';
    case 'enable':
      return hasCredential ? 'ACTIVE' : 'PENDING_AUTHORIZATION';
  }
}

const DAY_MS = 86_400_000;
/** Amazon: sellers re-authorize public apps every 365 days. */
export const REAUTHORIZATION_PERIOD_DAYS = 365;
/** Amazon: LWA client secrets must be rotated every 180 days. */
export const CLIENT_SECRET_ROTATION_DAYS = 180;

/** When the yearly re-authorization of an authorization made at `authorizedAt` falls due. */
export function reauthorizationDueAt(authorizedAt: Date): Date {
  return new Date(authorizedAt.getTime() + REAUTHORIZATION_PERIOD_DAYS * DAY_MS);
}

/** Whether the re-authorization notice (`noticeDays` ahead) should go out now. */
export function reauthorizationNoticeDue(dueAt: Date, now: Date, noticeDays: number): boolean {
  return dueAt.getTime() - noticeDays * DAY_MS <= now.getTime();
}

/** Whole days since `issuedAt` (for the client-secret age gauge). */
export function ageInDays(issuedAt: Date, now: Date): number {
  return Math.floor((now.getTime() - issuedAt.getTime()) / DAY_MS);
}
