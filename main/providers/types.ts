import type { AssetClass, DailyBar } from '../../shared/market.js';

/** Every provider Bourse knows. The id is stable: settings, env variables and the sync panel refer to it. */
export const PROVIDER_IDS = [
  'frankfurter',
  'ecb',
  'open-exchange-rates',
  'currency-beacon',
  'binance',
  'coingecko',
  'coinbase',
  'yahoo',
  'alpha-vantage',
  'finnhub',
  'bundled',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/**
 * What to fetch. `symbol` is `BASE-QUOTE` for FX and crypto (`EUR-USD`, `BTC-USD`) and the ticker for stocks (`AAPL`,
 * `VOD.L`). `providerSymbols` overrides the symbol a provider is asked for (e.g. `{coingecko: 'bitcoin'}`), because
 * providers disagree on names and no rule derives them all.
 */
export interface MarketTarget {
  assetClass: AssetClass;
  symbol: string;
  base?: string;
  /** For stocks: the currency the catalogue says the instrument trades in (used when the provider does not say). */
  quote?: string;
  providerSymbols?: Partial<Record<ProviderId, string>>;
}

/** A token bucket: `capacity` requests at once, refilled at `refillPerSec`. */
export interface RateLimit {
  capacity: number;
  refillPerSec: number;
}

export interface ProviderCapabilities {
  /** Largest date range (calendar days, inclusive) one dailyHistory call may ask for; the registry splits longer ones. */
  maxRangeDays: number;
  /** Earliest date the provider has data for (YYYY-MM-DD); earlier requests are clamped. */
  earliestDate: string;
  /** True when the provider serves a price for "now" (not just the last daily close). */
  intraday: boolean;
}

export type FetchFn = typeof fetch;

/** Everything an adapter needs for one call; the registry builds it from the user's config, env and defaults. */
export interface ProviderContext {
  baseUrl: string;
  apiKey?: string;
  fetch: FetchFn;
  /** Cancels the call (a cancelled sync job); a cancellation is rethrown as is, never classified. */
  signal?: AbortSignal;
  /** Per-request timeout; exceeding it is a `transient` ProviderError. */
  timeoutMs: number;
  /** Clock (ms since epoch), injectable so tests do not depend on today's date. */
  now: () => number;
}

/** A daily series with the currency its prices are in (after any minor-unit conversion, e.g. GBp → GBP). */
export interface History {
  bars: DailyBar[];
  currency: string;
}

export interface LatestQuote {
  /** Decimal string as published (or converted to the major unit). */
  price: string;
  currency: string;
  /** The publication/trading day of this price, YYYY-MM-DD. */
  date: string;
  /** Milliseconds since epoch at the source, when the source says. */
  ts?: number;
}

/** A split a provider publishes: `numerator` new units for `denominator` old ones from `date` (the ex-date) on. */
export interface SplitEvent {
  date: string;
  numerator: string;
  denominator: string;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  readonly name: string;
  readonly assetClasses: readonly AssetClass[];
  readonly needsKey: boolean;
  readonly capabilities: ProviderCapabilities;
  readonly defaultRateLimit: RateLimit;
  readonly defaultBaseUrl: string;
  /** Cheap, offline check: can this provider possibly answer for the target (asset class, currency support...)? */
  canHandle(target: MarketTarget): boolean;
  latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote>;
  /** Bars for [from, to] inclusive (YYYY-MM-DD), sorted by date, gaps left as published, null closes dropped. */
  dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History>;
  /** The splits of a stock dated in [from, to], oldest first; [] when it had none (only some providers say). */
  splits?(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<SplitEvent[]>;
  /** Instruments matching a ticker, name or ISIN, in the provider's own order; [] when it knows none. */
  search?(query: string, ctx: ProviderContext): Promise<SearchHit[]>;
}

/** One instrument a provider's search endpoint returned, already in the catalogue's terms. */
export interface SearchHit {
  /** What this provider itself is asked for (`AAPL`, `TSCO.LON`, `bitcoin`, `BTCUSDT`). */
  providerSymbol: string;
  /** The catalogue symbol it stands for: the Yahoo-style ticker for stocks (`VOD.L`), `BASE-QUOTE` for crypto. */
  symbol: string;
  name: string;
  assetClass: 'stock' | 'crypto';
  /** The provider's word for it: Equity, ETF, Common Stock, Crypto… */
  type: string;
  exchange?: string;
  /** ISO 4217 major unit (GBp is reported as GBP). */
  currency?: string;
  isin?: string;
}
