import type { RateLimit } from './types.js';

/**
 * Token bucket with reservations: `reserve()` takes a token now if one is there, otherwise books the next one and
 * says how long to wait for it. Booking (letting the level go negative) spaces concurrent callers exactly
 * 1/refill apart instead of letting them all wake together and race. The clock is injected for tests.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    if (!(limit.capacity >= 1) || !(limit.refillPerSec > 0)) throw new RangeError('rate limit needs capacity ≥ 1 and refill > 0');
    this.tokens = limit.capacity;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.limit.capacity, this.tokens + ((t - this.last) / 1000) * this.limit.refillPerSec);
      this.last = t;
    }
  }

  /** Milliseconds until a token would be available, without taking one. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.refillPerSec) * 1000);
  }

  /**
   * Takes a token, booking a future one if needed. Returns the wait in ms, or -1 (nothing booked) when the wait would
   * exceed `maxWaitMs`: the caller should try another provider rather than stall a sync.
   */
  reserve(maxWaitMs = Infinity): number {
    const wait = this.waitMs();
    if (wait > maxWaitMs) return -1;
    this.tokens -= 1;
    return wait;
  }
}
