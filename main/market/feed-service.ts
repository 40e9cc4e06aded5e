import type { ReadDb, WriteDb } from '../store/writer.js';
import { redactFeedUrls } from '../../feed/feed-url.js';
import type { FeedState, PriceView } from '../../shared/contract/market.js';
import { findCurrency } from '../../shared/currencies.js';
import { assetClassOf, STALE_AFTER_MS, type AssetClass } from '../../shared/market.js';
import type { EventHub } from '../events.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { LAST_PRICE_SQL } from './repo.js';
import type { FeedPrice, FromWorker, WorkerLink } from '../worker/messages.js';
import type { LastPrice } from '../worker/last-price-store.js';


interface Row {
  symbol: string;
  price: string;
  currency: string;
  ts: number;
  seq: number;
  source: string;
  simulated: number;
}

export interface WatchTarget {
  symbol: string;
  assetClass: AssetClass;
  currency: string;
}

const fiat = (code: string) => findCurrency(code) !== undefined;

/**
 * Main's side of the live feed: keeps the latest price of every watched symbol, persists last prices in market.db
 * (so they show, with their age, when offline), and turns worker batches into `market:prices` events.
 */
export class FeedService {
  private readonly latest = new Map<string, FeedPrice>();
  private watched: WatchTarget[] = [];
  private state: FeedState = { url: null, connected: false, embedded: false, sources: [] };
  private started = false;
  private closed = false;

  constructor(
    private readonly market: Store,
    private readonly worker: WorkerLink,
    private readonly events: EventHub,
    /** The configured feed URL (Settings or BOURSE_FEED_URL: a comma-separated list of a cluster's nodes, each may
     *  carry `#token=…`, see feed/feed-url.ts); null starts the embedded feed. */
    private url: string | null,
    private readonly now: () => number = Date.now,
  ) {
    worker.onMessage((msg) => {
      if (!this.closed) void this.onWorker(msg).catch((err) => console.error('feed: message failed', err));
    });
  }

  /** Stops taking worker messages (before the market database closes); the worker flushes nothing more here. */
  close(): void {
    this.closed = true;
  }

  /** Follows exactly these symbols from now on (starting the feed on first use). */
  async watch(targets: WatchTarget[]): Promise<void> {
    this.watched = targets;
    const symbols = targets.map((t) => t.symbol);
    if (!this.started) {
      this.started = true;
      const last = await this.market.writer.read((db) => loadLast(db));
      for (const p of last) this.latest.set(p.symbol, { ...p, stale: true });
      this.worker.post({ type: 'feed:start', url: this.url, symbols, last });
    } else this.worker.post({ type: 'feed:watch', symbols });
  }

  /** Switches to another feed server (or the embedded one); prices already known stay, marked stale until confirmed. */
  async reconnect(url: string | null): Promise<FeedState> {
    this.url = url;
    for (const [k, p] of this.latest) this.latest.set(k, { ...p, stale: true });
    if (this.started) {
      this.started = false;
      await this.watch(this.watched);
    }
    // The state reaches the page: addresses only, never a `#token=…`.
    this.state = { url: url === null ? null : redactFeedUrls(url), connected: false, embedded: url === null, sources: [] };
    return this.state;
  }

  watchlist(): { prices: PriceView[]; feed: FeedState } {
    const now = this.now();
    const prices = this.watched.map((t): PriceView => {
      const p = this.latest.get(t.symbol);
      if (!p) return { symbol: t.symbol, assetClass: t.assetClass, price: null, currency: t.currency, ts: null, source: null, simulated: false, stale: true };
      return {
        symbol: t.symbol,
        assetClass: t.assetClass,
        price: p.price,
        currency: p.currency,
        ts: p.ts,
        source: p.source,
        simulated: p.simulated === true,
        // A price restored from disk is stale until the feed confirms it; a live one goes stale after its window.
        stale: p.stale || now - p.receivedAt > STALE_AFTER_MS[t.assetClass],
      };
    });
    return { prices, feed: this.state };
  }

  /** The last known price of a symbol with its staleness (for valuations and, later, order guards). */
  price(symbol: string): FeedPrice | undefined {
    return this.latest.get(symbol);
  }

  private async onWorker(msg: FromWorker): Promise<void> {
    if (msg.type === 'feed:prices') {
      for (const p of msg.prices) this.latest.set(p.symbol, p);
      const watched = new Map(this.watched.map((t) => [t.symbol, t]));
      const prices = msg.prices
        .filter((p) => watched.has(p.symbol))
        .map((p): PriceView => ({
          symbol: p.symbol,
          assetClass: watched.get(p.symbol)?.assetClass ?? assetClassOf(p.symbol, fiat),
          price: p.price,
          currency: p.currency,
          ts: p.ts,
          source: p.source,
          simulated: p.simulated === true,
          stale: p.stale,
        }));
      if (prices.length) this.events.emit('market:prices', { prices });
    } else if (msg.type === 'feed:save') {
      await this.market.writer.write((db) => saveLast(db, msg.prices));
    } else if (msg.type === 'feed:state') {
      this.state = msg.state;
      this.events.emit('market:feed', this.state);
    }
  }
}

function loadLast(db: ReadDb): LastPrice[] {
  return (statements(db, LAST_PRICE_SQL).all.all() as Row[]).map((r) => ({
    symbol: r.symbol,
    price: r.price,
    currency: r.currency,
    ts: r.ts,
    seq: r.seq,
    source: r.source,
    ...(r.simulated ? { simulated: true } : {}),
    receivedAt: r.ts,
  }));
}

function saveLast(db: WriteDb, prices: readonly LastPrice[]): void {
  const { upsert } = statements(db, LAST_PRICE_SQL);
  for (const p of prices) upsert.run(p.symbol, p.price, p.currency, p.ts, p.seq, p.source, p.simulated ? 1 : 0);
}
