import { randomBytes } from 'node:crypto';
import { redactFeedUrls } from '../../feed/feed-url.js';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import type { SeedPrice } from '../../feed/seed-prices.js';
import { DEFAULT_SEED_PRICES } from '../../feed/seed-prices.js';
import type { FeedStatus } from '../../shared/market.js';
import type { FeedPrice, FromWorker, ToWorker } from './messages.js';
import { FeedClient } from './feed-client.js';
import type { LastPrice } from './last-price-store.js';

/** How often buffered updates cross to main: the client already limits each symbol to ~10/s; this only batches
 * across symbols, so it stays short (about a frame) to keep tick-to-screen latency low. */
const FLUSH_MS = 16;

/**
 * The worker's live-feed side: connects the feed client to the configured feed URL, or to an embedded feed server on
 * 127.0.0.1 (relay, falling back to simulated prices when upstream is unreachable), and forwards price batches and
 * state to main. The embedded feed takes a token made for this launch only, so no other local process or web page can
 * follow it; a configured URL (or comma-separated list of a cluster's nodes) carries its own as `#token=…`, which
 * never leaves this worker but in the handshake: the state main shows has the addresses without it. Last prices come from main at start (it owns the database) and go back to it to be persisted.
 */
export class FeedHost {
  private client: FeedClient | null = null;
  private server: FeedServer | null = null;
  private url: string | null = null;
  private readonly pending = new Map<string, FeedPrice>();
  private readonly sources = new Map<string, FeedStatus>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly post: (msg: FromWorker) => void) {}

  async handle(msg: ToWorker): Promise<void> {
    if (msg.type === 'feed:start') await this.start(msg.url, msg.symbols, msg.last);
    else if (msg.type === 'feed:watch') await this.watch(msg.symbols);
    else if (msg.type === 'shutdown') await this.close();
  }

  private async start(url: string | null, symbols: string[], last: LastPrice[]): Promise<void> {
    await this.close();
    const token = url ? null : randomBytes(32).toString('base64url');
    if (!url) {
      const seedPrices: Record<string, SeedPrice> = { ...DEFAULT_SEED_PRICES };
      for (const p of last) seedPrices[p.symbol] = { price: p.price, currency: p.currency };
      this.server = await startFeedServer({ port: 0, mode: 'relay', fallbackToSimulate: true, seedPrices, symbols, token });
    }
    const target = url ?? this.server!.url;
    this.url = redactFeedUrls(target);
    const client = new FeedClient({
      url: target,
      token,
      symbols,
      store: { load: () => last, save: (prices) => this.post({ type: 'feed:save', prices: [...prices] }) },
    });
    this.client = client;
    client.on('update', (p) => this.queue({ ...p, stale: client.isStale(p.symbol) }));
    client.on('stale', (s) => this.flip(s));
    client.on('live', (s) => this.flip(s));
    client.on('status', (st) => {
      this.sources.set(st.source, st);
      this.state();
    });
    client.on('connection', () => this.state());
    await client.start();
    this.state();
  }

  private async watch(symbols: string[]): Promise<void> {
    const client = this.client;
    if (!client) return;
    const now = new Set(symbols);
    const old = client.prices().map((p) => p.symbol).filter((s) => !now.has(s));
    if (old.length) client.unsubscribe(old);
    if (symbols.length) await client.subscribe(symbols);
  }

  private flip(symbol: string): void {
    const p = this.client?.price(symbol);
    if (p) this.queue(p);
  }

  private queue(p: FeedPrice): void {
    this.pending.set(p.symbol, p);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const prices = [...this.pending.values()];
      this.pending.clear();
      this.post({ type: 'feed:prices', prices });
    }, FLUSH_MS);
  }

  private state(): void {
    this.post({
      type: 'feed:state',
      // The address in use (one node of a list), never its token.
      state: { url: this.client?.url ?? this.url, connected: this.client?.connected ?? false, embedded: this.server !== null, sources: [...this.sources.values()] },
    });
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.client?.close();
    await this.server?.close();
    this.client = null;
    this.server = null;
  }
}
