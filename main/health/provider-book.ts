import type { ProviderHealth } from '../providers/registry.js';
import type { WorkerLink } from '../worker/messages.js';
import type { BreakerState } from '../providers/circuit-breaker.js';

/**
 * What main knows of the worker's providers: each one's circuit breaker as the worker last reported it, and its last
 * failure in the sync's own words. The worker does the network, so its registry holds the breakers; it reports them
 * after every sync request (worker/sync-runner.ts).
 */
export class ProviderHealthBook {
  private readonly breakers = new Map<string, ProviderHealth>();
  private readonly failures = new Map<string, { reason: string; message: string }>();

  constructor(worker: WorkerLink) {
    worker.onMessage((msg) => {
      if (msg.type === 'providers:health') {
        this.breakers.clear();
        for (const h of msg.health) this.breakers.set(h.id, h);
      } else if (msg.type === 'sync:batch' || msg.type === 'sync:failed') {
        for (const a of msg.attempts) {
          if (a.outcome === 'failed') this.failures.set(a.provider, { reason: a.reason ?? 'failed', message: a.message ?? '' });
          else if (a.outcome === 'ok') this.failures.delete(a.provider);
        }
      }
    });
  }

  breaker(provider: string): BreakerState {
    return this.breakers.get(provider)?.breaker ?? 'closed';
  }

  blockedUntil(provider: string): number | undefined {
    return this.breakers.get(provider)?.blockedUntil;
  }

  lastFailure(provider: string): { reason: string; message: string } | undefined {
    return this.failures.get(provider);
  }
}
