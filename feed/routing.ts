import { findCurrency } from '../shared/currencies.js';

export type UpstreamName = 'binance' | 'coinbase' | 'frankfurter';

/** Quote currencies Coinbase Exchange lists crypto against; other crypto quotes (USDT, BTC, …) go to Binance. */
const COINBASE_QUOTES = new Set(['USD', 'EUR', 'GBP', 'USDC']);

/**
 * Which upstream relays a feed symbol: fiat pairs are FX (Frankfurter), crypto against USD/EUR/GBP/USDC is Coinbase
 * (whose product ids are exactly our symbols), other crypto is Binance. Stocks have no keyless streaming upstream,
 * so they get `null` (simulated when the relay falls back, otherwise not served).
 */
export function defaultRoute(symbol: string): UpstreamName | null {
  const [base, quote] = symbol.split('-');
  if (!base || !quote) return null;
  if (findCurrency(base) && findCurrency(quote)) return 'frankfurter';
  return COINBASE_QUOTES.has(quote) ? 'coinbase' : 'binance';
}
