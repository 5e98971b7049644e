import {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from '../../src/graph/retry';

describe('Retry-After', () => {
  const now = Date.parse('2024-03-01T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfter('Fri, 01 Mar 2024 10:00:30 GMT', now)).toBe(30_000);
  });

  it('treats a date in the past as "now"', () => {
    expect(parseRetryAfter('Fri, 01 Mar 2024 09:00:00 GMT', now)).toBe(0);
  });

  it('gives undefined for a missing or unreadable header (a browser cannot see it)', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });
});

describe('backoff', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 60_000 };

  it('grows exponentially with full jitter', () => {
    expect(backoffDelay(1, { ...policy, random: () => 0.999 })).toBe(499);
    expect(backoffDelay(3, { ...policy, random: () => 0.999 })).toBe(1998);
    expect(backoffDelay(3, { ...policy, random: () => 0.5 })).toBe(1000);
  });

  it('never waits less than 50 ms or more than the cap', () => {
    expect(backoffDelay(1, { ...policy, random: () => 0 })).toBe(50);
    expect(backoffDelay(30, { ...policy, random: () => 0.999 })).toBeLessThanOrEqual(60_000);
  });

  it('prefers the server’s Retry-After over its own guess', () => {
    expect(retryDelay('3', 5, { ...policy, random: () => 0.5 })).toBe(3000);
    expect(retryDelay(null, 2, { ...policy, random: () => 0.5 })).toBe(500);
  });
});

describe('what may be retried', () => {
  it('retries a throttled request whatever its method: 429 means it was not processed', () => {
    expect(isRetryableStatus(429, false)).toBe(true);
    expect(isRetryableStatus(429, true)).toBe(true);
  });

  it('retries a 503 with Retry-After whatever its method: SharePoint throttled it, unprocessed', () => {
    expect(isRetryableStatus(503, false, '5')).toBe(true);
    expect(isRetryableStatus(503, false, '')).toBe(false);
    expect(isRetryableStatus(503, false, null)).toBe(false);
    // A 504 is a gateway giving up, whatever it adds: the create may have landed.
    expect(isRetryableStatus(504, false, '5')).toBe(false);
  });

  it('retries 503/504 only for requests that are safe to repeat', () => {
    expect(isRetryableStatus(503, true)).toBe(true);
    expect(isRetryableStatus(504, true)).toBe(true);
    expect(isRetryableStatus(503, false)).toBe(false);
    expect(isRetryableStatus(504, false)).toBe(false);
  });

  it('does not retry other failures', () => {
    for (const status of [400, 401, 403, 404, 409, 412, 500]) {
      expect(isRetryableStatus(status, true)).toBe(false);
    }
  });
});
