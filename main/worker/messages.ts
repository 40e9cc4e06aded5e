import type { DailyBar, FeedStatus } from '../../shared/market.js';
import type { LastPrice } from './last-price-store.js';
import type { ProvidersConfig } from '../providers/config.js';
import type { Attempt, ProviderHealth } from '../providers/registry.js';
import type { MarketTarget, SplitEvent } from '../providers/types.js';
import type { DateRange } from '../../shared/fx.js';

/**
 * Messages between main and the background worker. The worker holds no database: it fetches and posts batches;
 * main writes them. Plain structured-cloneable objects, so the same messages cross a worker_threads port or an
 * Electron utilityProcess port.
 */
export type ToWorker =
  | { type: 'config'; providers: ProvidersConfig }
  | { type: 'sync:start'; jobId: number; target: MarketTarget; chunks: DateRange[]; startAt: number }
  | { type: 'sync:cancel'; jobId: number }
  /** Connect the live feed: `url` null starts the embedded feed server (relay, falling back to simulate). */
  | { type: 'feed:start'; url: string | null; symbols: string[]; last: LastPrice[] }
  | { type: 'feed:watch'; symbols: string[] }
  | { type: 'shutdown' };

export interface FeedPrice extends LastPrice {
  stale: boolean;
}

export interface FeedStateMsg {
  url: string | null;
  connected: boolean;
  embedded: boolean;
  sources: FeedStatus[];
}

export type FromWorker =
  | {
      type: 'sync:batch';
      jobId: number;
      chunkIndex: number;
      target: MarketTarget;
      currency: string;
      provider: string;
      bars: DailyBar[];
      attempts: Attempt[];
    }
  /** The job got its first request slot: it is fetching now, no longer waiting behind other jobs. */
  | { type: 'sync:running'; jobId: number }
  | { type: 'sync:done'; jobId: number }
  | { type: 'sync:failed'; jobId: number; message: string; attempts: Attempt[] }
  | { type: 'sync:cancelled'; jobId: number }
  /** Coalesced updates (and stale/live flips) for the renderer. */
  | { type: 'feed:prices'; prices: FeedPrice[] }
  /** Last prices to persist (the client flushes about once a second). */
  | { type: 'feed:save'; prices: LastPrice[] }
  | { type: 'feed:state'; state: FeedStateMsg }
  /** The splits a provider published for a stock over the range a finished sync job fetched (main proposes them). */
  | { type: 'corporate:splits'; target: MarketTarget; provider: string; splits: SplitEvent[] }
  /** The worker's circuit breakers and Retry-After windows, after each sync request (the data health page). */
  | { type: 'providers:health'; health: ProviderHealth[] };

/** One side of the main↔worker pipe; implemented over worker_threads, utilityProcess, or in-process for tests. */
export interface WorkerLink {
  post(msg: ToWorker): void;
  onMessage(cb: (msg: FromWorker) => void): void;
  close(): Promise<void>;
}
