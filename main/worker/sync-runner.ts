import pLimit from 'p-limit';
import type { ProviderRegistry } from '../providers/registry.js';
import { ProviderChainError } from '../providers/registry.js';
import type { FromWorker, ToWorker } from './messages.js';

function isEmptyRange(err: ProviderChainError): boolean {
  const failed = err.attempts.filter((a) => a.outcome === 'failed');
  return failed.some((a) => a.reason === 'not_found') && failed.every((a) => a.reason === 'not_found' || a.reason === 'rate_limited' || a.reason === 'transient');
}

/** Requests in flight across all jobs; each provider's own token bucket still spaces its calls. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * The worker side of historical sync: runs each job's chunks in order through the provider registry and posts one
 * batch per chunk. Several jobs run at once (bounded by p-limit); a cancelled job stops at its next chunk boundary
 * and aborts its request in flight.
 */
export class SyncRunner {
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly running = new Map<number, AbortController>();

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly post: (msg: FromWorker) => void,
    concurrency = DEFAULT_CONCURRENCY,
  ) {
    this.limit = pLimit(concurrency);
  }

  handle(msg: ToWorker): void {
    if (msg.type === 'config') this.registry.setConfig(msg.providers);
    else if (msg.type === 'sync:start') void this.start(msg);
    else if (msg.type === 'sync:cancel') this.running.get(msg.jobId)?.abort(new Error('cancelled'));
    else if (msg.type === 'shutdown') for (const c of this.running.values()) c.abort(new Error('shutdown'));
  }

  /**
   * After a stock's job: the splits published over the days it fetched, for main to propose (a split is news on
   * its ex-date, which a refresh then covers). Best effort: a provider without split data or a failure leaves the
   * job done as it is.
   */
  private async splits(job: Extract<ToWorker, { type: 'sync:start' }>, signal: AbortSignal): Promise<void> {
    const from = job.chunks[0]!.from;
    const to = job.chunks[job.chunks.length - 1]!.to;
    try {
      const answer = await this.limit(() => this.registry.splits(job.target, from, to, { signal }));
      if (answer.data.length > 0) this.post({ type: 'corporate:splits', target: job.target, provider: answer.provider, splits: answer.data });
    } catch {
      // No provider publishes splits for it, or none answered: nothing to propose this time.
    }
    this.post({ type: 'providers:health', health: this.registry.health() });
  }

  private async start(job: Extract<ToWorker, { type: 'sync:start' }>): Promise<void> {
    if (this.running.has(job.jobId)) return;
    const ctl = new AbortController();
    this.running.set(job.jobId, ctl);
    try {
      for (let i = job.startAt; i < job.chunks.length; i++) {
        const range = job.chunks[i]!;
        const answer = await this.limit(async () => {
          ctl.signal.throwIfAborted();
          // Queued means waiting for a slot: once the job has one, the panel says it is running, even while its
          // first chunk takes long (slow or hanging providers) and no batch has come back yet.
          if (i === job.startAt) this.post({ type: 'sync:running', jobId: job.jobId });
          try {
            return await this.registry.dailyHistory(job.target, range.from, range.to, { signal: ctl.signal });
          } catch (err) {
            // Some provider said "nothing in this range" and none had data (a weekend, a holiday, a date before the
            // series starts): the chunk is done with no rows and the job goes on. A stalled tail is fetched again by
            // the next refresh, since the stored last date does not move. Auth or bad data anywhere fails the job.
            if (err instanceof ProviderChainError && isEmptyRange(err) && !ctl.signal.aborted) {
              return { data: { bars: [], currency: job.target.quote ?? '' }, provider: 'none', attempts: err.attempts };
            }
            throw err;
          }
        });
        this.post({ type: 'providers:health', health: this.registry.health() });
        this.post({
          type: 'sync:batch',
          jobId: job.jobId,
          chunkIndex: i,
          target: job.target,
          currency: answer.data.currency,
          provider: answer.provider,
          bars: answer.data.bars,
          attempts: answer.attempts,
        });
      }
      this.post({ type: 'sync:done', jobId: job.jobId });
      if (job.target.assetClass === 'stock' && job.chunks.length > 0) await this.splits(job, ctl.signal);
    } catch (err) {
      this.post({ type: 'providers:health', health: this.registry.health() });
      if (ctl.signal.aborted) this.post({ type: 'sync:cancelled', jobId: job.jobId });
      else
        this.post({
          type: 'sync:failed',
          jobId: job.jobId,
          message: err instanceof Error ? err.message : String(err),
          attempts: err instanceof ProviderChainError ? err.attempts : [],
        });
    } finally {
      this.running.delete(job.jobId);
    }
  }
}
