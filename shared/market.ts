import { z } from 'zod';

/**
 * Market-data shapes shared by the feed server, the feed client, the providers and the renderer
 * (docs/design.md#feed-protocol). The feed protocol is a public interface: keep `Tick` and the event names exactly as
 * they are.
 */
export const AssetClass = z.enum(['fx', 'crypto', 'stock']);
export type AssetClass = z.infer<typeof AssetClass>;

/** Positive decimal string as published (no exponent). */
export const PriceString = z.string().regex(/^(0|[1-9]\d*)(\.\d+)?$/);

/** `BASE-QUOTE` for FX and crypto (`EUR-USD`, `BTC-USD`), the ticker for stocks (`AAPL`, `VOD.L`). */
export const FeedSymbol = z.string().min(1).max(32).regex(/^[A-Z0-9.^=_]+(-[A-Z0-9]+)?$/);

export const Tick = z.object({
  symbol: FeedSymbol,
  price: PriceString,
  currency: z.string().min(3).max(5),
  /** Milliseconds since the epoch at the source. */
  ts: z.number().int().nonnegative(),
  /** Increases per symbol; a client drops any tick whose seq is not newer than the last it kept. */
  seq: z.number().int().nonnegative(),
  source: z.string().min(1).max(64),
  simulated: z.boolean().optional(),
});
export type Tick = z.infer<typeof Tick>;

export const FeedStatus = z.object({
  source: z.string(),
  state: z.enum(['live', 'stale', 'down']),
  since: z.number(),
});
export type FeedStatus = z.infer<typeof FeedStatus>;

export const SubscribeRequest = z.object({ symbols: z.array(FeedSymbol).max(1000) });
export type SubscribeAck =
  | { ok: true; snapshot: Tick[] }
  | { ok: false; error: { code: string; message: string } };

/** Socket.io event names of the feed protocol (default namespace). */
export const FEED_EVENTS = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  tick: 'tick',
  ticks: 'ticks',
  status: 'status',
} as const;

/** How long without a tick before a symbol is stale, per asset class (FX is polled, so it is slower). */
export const STALE_AFTER_MS: Record<AssetClass, number> = { crypto: 30_000, stock: 120_000, fx: 10 * 60_000 };

/** One published daily bar; OHLC as decimal strings, `date` as YYYY-MM-DD (the trading/publication day). */
export interface DailyBar {
  date: string;
  open?: string;
  high?: string;
  low?: string;
  close: string;
  volume?: string;
}

export function assetClassOf(symbol: string, fiat: (code: string) => boolean): AssetClass {
  const [base, quote] = symbol.split('-');
  if (!quote) return 'stock';
  return base && fiat(base) && fiat(quote) ? 'fx' : 'crypto';
}

/** Digits an instrument trades in: fractional shares to 6 places, crypto to 8 (satoshis). */
export function quantityDecimals(assetClass: 'stock' | 'crypto'): number {
  return assetClass === 'crypto' ? 8 : 6;
}
