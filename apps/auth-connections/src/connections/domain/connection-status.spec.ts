import { ageInDays, canApply, nextStatus, reauthorizationDueAt, reauthorizationNoticeDue } from './connection-status';

describe('connection status', () => {
  it('lets a failed, revoked or active connection be authorized again, but not a disabled one', () => {
    expect(canApply('authorize', 'AUTH_FAILED')).toBe(true);
    expect(canApply('authorize', 'REVOKED')).toBe(true);
    expect(canApply('authorize', 'ACTIVE')).toBe(true);
    expect(canApply('authorize', 'DISABLED')).toBe(false);
  });

  it('only fails the auth of an active connection, so concurrent failures change it once', () => {
    expect(canApply('fail-auth', 'ACTIVE')).toBe(true);
    expect(canApply('fail-auth', 'AUTH_FAILED')).toBe(false);
  });

  it('enables back to ACTIVE with a credential and to PENDING_AUTHORIZATION without', () => {
    expect(canApply('enable', 'ACTIVE')).toBe(false);
    expect(nextStatus('enable', true)).toBe('ACTIVE');
    expect(nextStatus('enable', false)).toBe('PENDING_AUTHORIZATION');
  });
});

describe('lifecycle dates', () => {
  it('puts re-authorization 365 days after authorization and the notice 30 days before it', () => {
    const authorized = new Date('2026-01-01T00:00:00Z');
    const due = reauthorizationDueAt(authorized);
    expect(due.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(reauthorizationNoticeDue(due, new Date('2026-12-01T23:59:59Z'), 30)).toBe(false);
    expect(reauthorizationNoticeDue(due, new Date('2026-12-02T00:00:00Z'), 30)).toBe(true);
  });

  it('counts the client secret age in whole days', () => {
    expect(ageInDays(new Date('2026-01-01T00:00:00Z'), new Date('2026-06-30T12:00:00Z'))).toBe(180);
  });
});
