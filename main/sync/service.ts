import type { DailyBar } from '../../shared/market.js';
import type { EventHub } from '../events.js';
import { ingestBars, barBounds } from '../market/bars.js';
import { fxBounds, ingestPairRates } from '../market/fx-rates.js';
import type { MarketTarget } from '../providers/types.js';
import type { Store } from '../store/data-source.js';
import { jobStore, type SyncJob } from './repo.js';
import type { FromWorker, WorkerLink } from '../worker/messages.js';
import { chunk, missingRanges } from './plan.js';
import { jobView } from './views.js';

/** Granularity of progress and of resume after a crash: one chunk is one batch, one transaction. */
export const CHUNK_DAYS = 366;
/** Batches arriving within this window are written in one transaction (one commit, one fsync). */
const GROUP_MS = 20;
const GROUP_MAX_ROWS = 50_000;
/** A series synced successfully this recently is not refreshed again by a mere re-plan. */
export const REFRESH_QUIET_MS = 15 * 60_000;

export interface SyncRequest {
  target: MarketTarget;
  /** Earliest date this series is needed from (e.g. the first activity in that currency). */
  since: string;
}

/** A job's rows, or its start or end as the worker reported it. */
type Pending =
  | Extract<FromWorker, { type: 'sync:batch' }>
  | { type: 'state'; jobId: number; state: 'running' | 'done' | 'failed' | 'cancelled'; error: string | null; attempts: SyncJob['attempts'] | null };

function pair(target: MarketTarget): [string, string] {
  const [base, quote] = target.symbol.split('-');
  return [target.base ?? base ?? '', target.quote ?? quote ?? ''];
}

/**
 * Main's side of historical sync: plans jobs from what is stored, hands them to the worker, and writes the batches
 * it sends back with prepared statements, advancing the job's cursor in the same transaction. Progress becomes
 * `sync:progress` events for the sync panel. Jobs left running by a crash are resumed by `resume()`.
 */
export class SyncService {
  private closed = false;
  /** What the worker sent and main has not yet written, in the order it came (a job's end after its batches). */
  private readonly pending: Pending[] = [];
  private pendingRows = 0;
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly market: Store,
    private readonly worker: WorkerLink,
    private readonly events: EventHub,
    private readonly today: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    worker.onMessage((msg) => {
      if (!this.closed) void this.onWorker(msg).catch((err) => console.error('sync: batch failed', err));
    });
  }

  /** Stops the worker's jobs; they stay queued/running in the table and resume on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.pending.length = 0;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.worker.post({ type: 'shutdown' });
    await this.market.writer.drain();
  }

  /**
   * Plans and starts a job for each series that is missing days; skips those with a job under way, and (unless
   * `force` says the series' asset class must be fetched again, e.g. after a provider change) those whose last
   * successful sync finished within REFRESH_QUIET_MS: re-planning on every wallet or setting change must not fill
   * the sync panel with refreshes of data that was fetched a minute ago.
   */
  async ensure(requests: readonly SyncRequest[], force: readonly string[] | 'all' = []): Promise<SyncJob[]> {
    const quietSince = new Date(this.now().getTime() - REFRESH_QUIET_MS).toISOString();
    const at = this.now().toISOString();
    const today = this.today();
    const created = await this.market.writer.write((db) => {
      const out: SyncJob[] = [];
      for (const { target, since } of requests) {
        if (jobStore.hasActive(db, target.symbol)) continue;
        const forced = force === 'all' || force.includes(target.assetClass);
        const lastDone = jobStore.lastDone(db, target.symbol);
        if (!forced && lastDone && lastDone >= quietSince) continue;
        const stored = target.assetClass === 'fx' ? fxBounds(db, ...pair(target)) : barBounds(db, target.symbol);
        const chunks = chunk(missingRanges(stored, since, today), CHUNK_DAYS);
        if (chunks.length === 0) continue;
        out.push(jobStore.create(db, stored.first ? 'refresh' : 'backfill', target, chunks, at));
      }
      return out;
    });
    for (const job of created) this.dispatch(job);
    return created;
  }

  /** Restarts jobs a previous run left queued or running, from their last stored chunk. */
  async resume(): Promise<SyncJob[]> {
    const jobs = await this.market.writer.read((db) => jobStore.active(db));
    for (const job of jobs) this.dispatch(job);
    return jobs;
  }

  jobs(limit = 50): Promise<SyncJob[]> {
    return this.market.writer.read((db) => jobStore.recent(db, limit));
  }

  async cancel(id: number): Promise<SyncJob | undefined> {
    const job = await this.market.writer.read((db) => jobStore.get(db, id));
    if (!job || (job.state !== 'queued' && job.state !== 'running')) return job;
    this.worker.post({ type: 'sync:cancel', jobId: id });
    // Marked at once so the panel reflects the click; a batch still in flight is dropped by onWorker.
    return this.finish(id, 'cancelled', null, null);
  }

  private dispatch(job: SyncJob): void {
    this.worker.post({ type: 'sync:start', jobId: job.id, target: job.target, chunks: job.chunks, startAt: job.doneChunks });
    this.events.emit('sync:progress', jobView(job));
  }

  private async onWorker(msg: FromWorker): Promise<void> {
    // Batches, starts and ends that arrive together are written in one transaction: one fsync'd commit instead of
    // one per message (the commit dominates ingestion, see bench/ingest.ts; at sign-in the planning's hundreds of
    // starts and ends each held main's event loop for a commit). They are written in the order they came, so a job's
    // end lands after its batches, and each job's cursor still moves with its own rows. Waiting up to GROUP_MS costs
    // the user nothing and lets a burst share one commit.
    if (msg.type === 'sync:batch') {
      this.pending.push(msg);
      this.pendingRows += msg.bars.length;
    } else if (msg.type === 'sync:running') this.pending.push({ type: 'state', jobId: msg.jobId, state: 'running', error: null, attempts: null });
    else if (msg.type === 'sync:done') this.pending.push({ type: 'state', jobId: msg.jobId, state: 'done', error: null, attempts: null });
    else if (msg.type === 'sync:failed') this.pending.push({ type: 'state', jobId: msg.jobId, state: 'failed', error: msg.message, attempts: msg.attempts });
    else if (msg.type === 'sync:cancelled') this.pending.push({ type: 'state', jobId: msg.jobId, state: 'cancelled', error: null, attempts: null });
    else return;
    if (this.pendingRows >= GROUP_MAX_ROWS) await this.flush();
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => void this.flush().catch((err) => console.error('sync: batch failed', err)), GROUP_MS);
  }

  private async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.length === 0) return;
    const batches = this.pending.splice(0);
    this.pendingRows = 0;
    const at = this.now().toISOString();
    const touched = await this.market.writer.write((db) => {
      const jobs = new Map<number, SyncJob>();
      for (const msg of batches) {
        if (msg.type === 'state') {
          if (msg.state === 'running') {
            if (jobStore.markRunning(db, msg.jobId, at)) jobs.set(msg.jobId, jobStore.get(db, msg.jobId)!);
            continue;
          }
          const current = jobStore.get(db, msg.jobId);
          if (!current || current.state === 'done' || current.state === 'failed' || current.state === 'cancelled') continue;
          jobStore.finish(db, msg.jobId, msg.state, msg.error, msg.attempts, at);
          jobs.set(msg.jobId, jobStore.get(db, msg.jobId)!);
          continue;
        }
        const cursor = jobStore.cursor(db, msg.jobId);
        // A batch for a cancelled or finished job, or one already stored before a restart, is not written again.
        if (!cursor || cursor.state === 'cancelled' || cursor.state === 'done' || cursor.state === 'failed') continue;
        if (msg.chunkIndex < cursor.doneChunks) continue;
        const rows = this.store(db, msg.target, msg.provider, msg.currency, msg.bars);
        jobStore.advance(db, msg.jobId, msg.chunkIndex + 1, rows, msg.provider === 'none' ? null : msg.provider, msg.attempts, at);
        jobs.set(msg.jobId, jobStore.get(db, msg.jobId)!);
      }
      return [...jobs.values()];
    });
    for (const job of touched) this.events.emit('sync:progress', jobView(job));
  }

  private store(db: import('better-sqlite3').Database, target: MarketTarget, source: string, currency: string, bars: DailyBar[]): number {
    if (target.assetClass === 'fx') {
      const [base, quote] = pair(target);
      return ingestPairRates(db, base, currency || quote, source, bars);
    }
    return ingestBars(db, target.symbol, source, currency, bars);
  }

  private async finish(id: number, state: SyncJob['state'], error: string | null, attempts: SyncJob['attempts'] | null) {
    const at = this.now().toISOString();
    const job = await this.market.writer.write((db) => {
      const current = jobStore.get(db, id);
      if (!current || current.state === 'done' || current.state === 'failed' || current.state === 'cancelled') return current;
      jobStore.finish(db, id, state, error, attempts, at);
      return jobStore.get(db, id);
    });
    if (job) this.events.emit('sync:progress', jobView(job));
    return job;
  }
}
