import { z } from 'zod';
import { PriceString } from '../../shared/market.js';
import { ReconnectingWs } from './reconnecting-ws.js';
import type { UpstreamAdapter, UpstreamSink } from './types.js';

/**
 * Binance spot market streams (keyless), one combined-stream connection:
 *   {base}/stream?streams=btcusdt@trade/ethusdt@trade
 * Each message is wrapped as {"stream":"btcusdt@trade","data":<payload>} where the payload is
 *   trade:      {"e":"trade","E":1672515782136,"s":"BTCUSDT","t":12345,"p":"0.001","q":"100","T":1672515782136,"m":true,"M":true}
 *   miniTicker: {"e":"24hrMiniTicker","E":1672515782136,"s":"BTCUSDT","c":"0.0025","o":"0.0010","h":"0.0025","l":"0.0010","v":"10000","q":"18"}
 * Prices are decimal strings already, kept exactly as published. Feed symbol `BTC-USDT` ↔ stream symbol `btcusdt`.
 * The symbol set lives in the URL, so a changed set reconnects (debounced); Binance closes connections after 24 h
 * anyway, which the reconnect path covers.
 */
export const DEFAULT_BINANCE_WS_URL = 'wss://stream.binance.com:9443';

const Trade = z.object({ e: z.literal('trade'), E: z.number(), s: z.string(), p: PriceString, T: z.number().int() });
const MiniTicker = z.object({ e: z.literal('24hrMiniTicker'), E: z.number().int(), s: z.string(), c: PriceString });
const Combined = z.object({ stream: z.string(), data: z.unknown() });

export type BinanceStream = 'trade' | 'miniTicker';

export interface BinanceOptions {
  baseUrl?: string;
  stream?: BinanceStream;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export function binanceStreamSymbol(feedSymbol: string): string {
  return feedSymbol.replace('-', '').toLowerCase();
}

export class BinanceUpstream implements UpstreamAdapter {
  readonly source = 'binance';
  private readonly bySymbol = new Map<string, { feed: string; quote: string }>();
  private readonly ws: ReconnectingWs;
  private readonly baseUrl: string;
  private readonly stream: BinanceStream;
  private debounce: NodeJS.Timeout | null = null;
  private started = false;

  constructor(
    private readonly sink: UpstreamSink,
    opts: BinanceOptions = {},
  ) {
    this.baseUrl = (opts.baseUrl ?? DEFAULT_BINANCE_WS_URL).replace(/\/+$/, '');
    this.stream = opts.stream ?? 'trade';
    this.ws = new ReconnectingWs({
      url: () => this.url(),
      onMessage: (text) => this.onMessage(text),
      onState: (state, detail) => sink.state(state, detail),
      initialBackoffMs: opts.initialBackoffMs,
      maxBackoffMs: opts.maxBackoffMs,
      idleMs: 120_000,
    });
  }

  setSymbols(symbols: readonly string[]): void {
    const next = new Map<string, { feed: string; quote: string }>();
    for (const s of symbols) {
      const [, quote] = s.split('-');
      if (quote) next.set(binanceStreamSymbol(s).toUpperCase(), { feed: s, quote });
    }
    const same = next.size === this.bySymbol.size && [...next.keys()].every((k) => this.bySymbol.has(k));
    if (same) return;
    this.bySymbol.clear();
    for (const [k, v] of next) this.bySymbol.set(k, v);
    if (this.debounce) clearTimeout(this.debounce);
    // Subscriptions tend to arrive in a burst at startup: one reconnect for the whole burst.
    this.debounce = setTimeout(() => {
      this.debounce = null;
      if (this.bySymbol.size === 0) return;
      if (this.started) this.ws.restart();
      else {
        this.started = true;
        this.ws.connect();
      }
    }, 50);
  }

  async close(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    await this.ws.close();
  }

  private url(): string {
    const streams = [...this.bySymbol.keys()].map((s) => `${s.toLowerCase()}@${this.stream}`).join('/');
    return `${this.baseUrl}/stream?streams=${streams}`;
  }

  private onMessage(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.sink.malformed();
    }
    const wrapped = Combined.safeParse(raw);
    const payload = wrapped.success ? wrapped.data.data : raw;
    const trade = Trade.safeParse(payload);
    const mini = trade.success ? null : MiniTicker.safeParse(payload);
    const parsed = trade.success
      ? { s: trade.data.s, price: trade.data.p, ts: trade.data.T }
      : mini?.success
        ? { s: mini.data.s, price: mini.data.c, ts: mini.data.E }
        : null;
    if (!parsed) {
      // Subscription replies ({"result":null,"id":1}) are expected and harmless; anything else is counted.
      if (!(raw && typeof raw === 'object' && 'result' in raw)) this.sink.malformed();
      return;
    }
    const known = this.bySymbol.get(parsed.s.toUpperCase());
    if (!known) return;
    this.sink.tick({ symbol: known.feed, price: parsed.price, currency: known.quote, ts: parsed.ts, source: this.source });
  }
}
