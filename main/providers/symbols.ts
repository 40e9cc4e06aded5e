import { ProviderError } from './errors.js';
import type { MarketTarget, ProviderId } from './types.js';

/** Base and quote of an FX or crypto target, from explicit fields or the `BASE-QUOTE` symbol. */
export function pairOf(target: MarketTarget, provider: ProviderId): { base: string; quote: string } {
  const [b, q] = target.symbol.split('-');
  const base = (target.base ?? b ?? '').toUpperCase();
  const quote = (target.quote ?? q ?? '').toUpperCase();
  if (!/^[A-Z0-9]{2,10}$/.test(base) || !/^[A-Z0-9]{2,10}$/.test(quote)) {
    throw new ProviderError('not_found', `not a BASE-QUOTE pair: ${target.symbol}`, { provider });
  }
  return { base, quote };
}

export function isFiatCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}

/** The user's explicit per-provider symbol wins; otherwise the adapter's derivation. */
export function symbolFor(target: MarketTarget, provider: ProviderId, derive: () => string): string {
  return target.providerSymbols?.[provider] ?? derive();
}

/**
 * CoinGecko identifies coins by slug, not ticker. A small default map for the common ones; anything else needs
 * `providerSymbols.coingecko` from the catalogue.
 */
export const COINGECKO_IDS: Record<string, string> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  SOL: 'solana',
  XRP: 'ripple',
  ADA: 'cardano',
  DOGE: 'dogecoin',
  LTC: 'litecoin',
  DOT: 'polkadot',
  BNB: 'binancecoin',
  USDT: 'tether',
  USDC: 'usd-coin',
  AVAX: 'avalanche-2',
  LINK: 'chainlink',
  TRX: 'tron',
  BCH: 'bitcoin-cash',
  XLM: 'stellar',
};

/**
 * binance.com lists no USD spot pairs; USDT is the dollar proxy everyone uses there. The adapter still reports the
 * target's quote (USD) as the currency: the catalogue asked for BTC-USD and this is the closest market.
 */
export const BINANCE_QUOTE_ALIASES: Record<string, string> = { USD: 'USDT' };
