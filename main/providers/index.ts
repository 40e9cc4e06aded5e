/**
 * Market-data providers (docs/design.md#providers): one adapter per file in ./adapters, the registry that orders them
 * with fallback, circuit breakers and token buckets, and the error kinds they share.
 */
import { alphaVantage } from './adapters/alpha-vantage.js';
import { binance } from './adapters/binance.js';
import { bundled } from './adapters/bundled.js';
import { coinbase } from './adapters/coinbase.js';
import { coingecko } from './adapters/coingecko.js';
import { currencyBeacon } from './adapters/currency-beacon.js';
import { ecb } from './adapters/ecb.js';
import { finnhub } from './adapters/finnhub.js';
import { frankfurter } from './adapters/frankfurter.js';
import { openExchangeRates } from './adapters/open-exchange-rates.js';
import { yahoo } from './adapters/yahoo.js';
import { ProviderRegistry, type RegistryOptions } from './registry.js';
import type { ProviderAdapter } from './types.js';

export const ALL_ADAPTERS: readonly ProviderAdapter[] = [
  frankfurter,
  ecb,
  openExchangeRates,
  currencyBeacon,
  binance,
  coingecko,
  coinbase,
  yahoo,
  alphaVantage,
  finnhub,
  bundled,
];

/** A registry over every adapter; pass `adapters` to narrow or replace them. */
export function createProviderRegistry(opts: Partial<RegistryOptions> = {}): ProviderRegistry {
  return new ProviderRegistry({ adapters: ALL_ADAPTERS, ...opts });
}

export { alphaVantage, binance, bundled, coinbase, coingecko, currencyBeacon, ecb, finnhub, frankfurter, openExchangeRates, yahoo };
export { createBundledAdapter } from './adapters/bundled.js';
export { clearEcbCache } from './adapters/ecb.js';
export { clearBinanceSymbols } from './adapters/binance.js';
export * from './types.js';
export * from './errors.js';
export * from './config.js';
export { ProviderRegistry, ProviderChainError } from './registry.js';
export type { Answer, Attempt, CallOptions, ProviderHealth, RegistryOptions, SearchOutcome, SearchState, SkipReason, TestResult } from './registry.js';
export { TokenBucket } from './token-bucket.js';
export { CircuitBreaker, DEFAULT_BREAKER } from './circuit-breaker.js';
export type { BreakerOptions, BreakerState } from './circuit-breaker.js';
