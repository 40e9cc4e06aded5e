import { z } from 'zod';
import { PriceString } from '../../shared/market.js';
import { ReconnectingWs } from './reconnecting-ws.js';
import type { UpstreamAdapter, UpstreamSink } from './types.js';

/**
 * Coinbase Exchange market-data WebSocket (keyless): wss://ws-feed.exchange.coinbase.com
 * After connecting we must subscribe within 5 s:
 *   {"type":"subscribe","product_ids":["BTC-USD"],"channels":["ticker"]}
 * and the server confirms with {"type":"subscriptions","channels":[{"name":"ticker","product_ids":["BTC-USD"]}]}.
 * Ticker messages (one per match) look like
 *   {"type":"ticker","sequence":37475248783,"product_id":"BTC-USD","price":"65012.34","open_24h":"…","volume_24h":"…",
 *    "low_24h":"…","high_24h":"…","volume_30d":"…","best_bid":"…","best_bid_size":"…","best_ask":"…",
 *    "best_ask_size":"…","side":"buy","time":"2024-05-01T12:00:00.123456Z","trade_id":123,"last_size":"0.01"}
 * Errors arrive as {"type":"error","message":"…","reason":"…"}. Product ids already are our `BASE-QUOTE` symbols.
 * Coinbase's own `sequence` is per product and may skip; we re-sequence in the feed server anyway.
 */
export const DEFAULT_COINBASE_WS_URL = 'wss://ws-feed.exchange.coinbase.com';

const Ticker = z.object({
  type: z.literal('ticker'),
  product_id: z.string(),
  price: PriceString,
  time: z.string().optional(),
});
const Known = z.object({ type: z.enum(['subscriptions', 'heartbeat', 'error']) });

export interface CoinbaseOptions {
  url?: string;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export class CoinbaseUpstream implements UpstreamAdapter {
  readonly source = 'coinbase';
  private symbols = new Set<string>();
  private readonly ws: ReconnectingWs;
  private started = false;

  constructor(
    private readonly sink: UpstreamSink,
    opts: CoinbaseOptions = {},
  ) {
    this.ws = new ReconnectingWs({
      url: () => opts.url ?? DEFAULT_COINBASE_WS_URL,
      // Every (re)connection starts unsubscribed, so subscribe to the whole current set each time.
      onOpen: () => this.subscribe([...this.symbols]),
      onMessage: (text) => this.onMessage(text),
      onState: (state, detail) => sink.state(state, detail),
      initialBackoffMs: opts.initialBackoffMs,
      maxBackoffMs: opts.maxBackoffMs,
      idleMs: 120_000,
    });
  }

  setSymbols(symbols: readonly string[]): void {
    const next = new Set(symbols);
    const added = [...next].filter((s) => !this.symbols.has(s));
    const removed = [...this.symbols].filter((s) => !next.has(s));
    this.symbols = next;
    if (!this.started) {
      if (next.size === 0) return;
      this.started = true;
      this.ws.connect();
      return;
    }
    if (added.length) this.subscribe(added);
    if (removed.length) this.ws.send({ type: 'unsubscribe', product_ids: removed, channels: ['ticker'] });
  }

  async close(): Promise<void> {
    await this.ws.close();
  }

  private subscribe(productIds: string[]): void {
    if (productIds.length) this.ws.send({ type: 'subscribe', product_ids: productIds, channels: ['ticker'] });
  }

  private onMessage(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.sink.malformed();
    }
    const t = Ticker.safeParse(raw);
    if (!t.success) {
      if (!Known.safeParse(raw).success) this.sink.malformed();
      return;
    }
    const { product_id: symbol, price, time } = t.data;
    if (!this.symbols.has(symbol)) return;
    const parsedTime = time ? Date.parse(time) : NaN;
    const quote = symbol.split('-')[1] ?? 'USD';
    this.sink.tick({
      symbol,
      price,
      currency: quote,
      ts: Number.isFinite(parsedTime) ? parsedTime : Date.now(),
      source: this.source,
    });
  }
}
