import { describe, expect, it } from 'vitest';
import { backoffDelayMs, FREE_ATTEMPTS, MAX_DELAY_MS, retryAfterMs } from '../../main/profiles/login-backoff.js';

describe('login backoff', () => {
  it('lets the first three failures through, then doubles from 1 s up to 5 minutes', () => {
    expect(FREE_ATTEMPTS).toBe(3);
    expect([0, 1, 2].map(backoffDelayMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6, 7].map(backoffDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoffDelayMs(11)).toBe(256_000);
    expect(backoffDelayMs(12)).toBe(MAX_DELAY_MS);
    expect(backoffDelayMs(1000)).toBe(MAX_DELAY_MS);
    expect(MAX_DELAY_MS).toBe(300_000);
  });

  it('is monotonic and never negative', () => {
    let prev = 0;
    for (let n = 0; n < 2000; n++) {
      const d = backoffDelayMs(n);
      expect(d).toBeGreaterThanOrEqual(prev);
      expect(Number.isFinite(d)).toBe(true);
      prev = d;
    }
  });

  it('retryAfterMs counts down from the last failure', () => {
    const t = Date.parse('2025-01-01T00:00:00.000Z');
    const last = new Date(t).toISOString();
    expect(retryAfterMs(2, last, t)).toBe(0);
    expect(retryAfterMs(3, last, t)).toBe(1000);
    expect(retryAfterMs(3, last, t + 400)).toBe(600);
    expect(retryAfterMs(3, last, t + 1000)).toBe(0);
    expect(retryAfterMs(4, last, t + 1500)).toBe(500);
    expect(retryAfterMs(50, last, t)).toBe(MAX_DELAY_MS);
    expect(retryAfterMs(5, null, t)).toBe(0);
  });
});
