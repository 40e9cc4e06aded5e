import type { PortfolioSnapshot } from '../../../shared/contract/index.js';

/**
 * Whether a batch of price updates can change the portfolio's figures: a tick for a held instrument, or an FX pair
 * between two currencies the portfolio values something in (holding currencies, cash, the base). Anything else
 * (a watched symbol not held) does not need a refetch.
 */
export function pricesTouch(symbols: readonly string[], snapshot: PortfolioSnapshot | null): boolean {
  if (!snapshot) return symbols.length > 0;
  const held = new Set(snapshot.holdings.map((h) => h.symbol));
  const currencies = new Set([snapshot.baseCurrency, ...snapshot.holdings.map((h) => h.currency), ...snapshot.cash.map((c) => c.currency)]);
  for (const s of symbols) {
    if (held.has(s)) return true;
    const fx = /^([A-Z]{3})-([A-Z]{3})$/.exec(s);
    if (fx && currencies.has(fx[1]!) && currencies.has(fx[2]!) && currencies.size > 1) return true;
  }
  return false;
}
