import { DEFAULT_RETRY_POLICY, backoffDelayMs, parseRetryAfter } from './retry-policy';

describe('backoffDelayMs', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 };

  it('draws from [0, base·2^(n-1)) with full jitter', () => {
    expect(backoffDelayMs(1, policy, undefined, () => 0)).toBe(0);
    expect(backoffDelayMs(1, policy, undefined, () => 0.999)).toBe(499);
    expect(backoffDelayMs(3, policy, undefined, () => 0.999)).toBe(1_998);
  });

  it('never exceeds the cap however many attempts', () => {
    for (let attempt = 1; attempt < 40; attempt++) {
      expect(backoffDelayMs(attempt, policy, undefined, () => 0.999999)).toBeLessThan(policy.maxDelayMs);
    }
  });

  it('spreads retries of simultaneous callers (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4, DEFAULT_RETRY_POLICY)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('honours Retry-After, bounded by the cap', () => {
    expect(backoffDelayMs(1, policy, 3_000, () => 0)).toBe(3_000);
    expect(backoffDelayMs(1, policy, 120_000, () => 0)).toBe(8_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2_000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
  });

  it('ignores absent or malformed values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
