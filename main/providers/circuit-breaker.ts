/**
 * Per-provider circuit breaker. After `failureThreshold` consecutive failures the circuit opens and the provider is
 * skipped; after `cooldownMs` one trial request is let through (half-open): success closes the circuit, failure
 * opens it for another cool-down. It stops a dead or blocking provider from adding a timeout to every request.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 3, cooldownMs: 60_000 };

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private state: BreakerState = 'closed';
  private trialInFlight = false;
  constructor(
    private readonly opts: BreakerOptions,
    private readonly now: () => number,
  ) {}

  current(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.opts.cooldownMs) this.state = 'half_open';
    return this.state;
  }

  /** May a request go out now? In half-open only one trial at a time. */
  tryAcquire(): boolean {
    const s = this.current();
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** When an acquired slot ends without a verdict on the provider's health (e.g. not_found, cancellation). */
  release(): void {
    this.trialInFlight = false;
  }

  onSuccess(): void {
    this.failures = 0;
    this.state = 'closed';
    this.trialInFlight = false;
  }

  onFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.state === 'half_open' || this.failures >= this.opts.failureThreshold) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }

  /** Ms until a half-open trial would be allowed (0 if not open). */
  retryInMs(): number {
    return this.current() === 'open' ? Math.max(0, this.opts.cooldownMs - (this.now() - this.openedAt)) : 0;
  }
}
