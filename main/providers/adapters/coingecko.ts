import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { finishBars, isoDateUtc, unixSeconds } from '../dates.js';
import { numberToDecimalString } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { excerpt, getJson, parseShape } from '../http.js';
import { COINGECKO_IDS, pairOf, symbolFor } from '../symbols.js';
import { isCatalogueSymbol } from '../listings.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext, SearchHit } from '../types.js';

/**
 * CoinGecko public API (keyless; a demo key goes in the `x-cg-demo-api-key` header when the user has one).
 *   {base}/coins/bitcoin/market_chart/range?vs_currency=usd&from=unix&to=unix →
 *     {"prices":[[1583107200000,8599.508591198871],…],"market_caps":[[…]],"total_volumes":[[…]]}
 *   {base}/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true →
 *     {"bitcoin":{"usd":67187.12,"last_updated_at":1711356300}}   (unknown id: {})
 * Granularity is chosen by the API: ranges over 90 days give one point per day at 00:00 UTC, shorter ranges give
 * hourly points. Either way we keep the last point of each UTC day as that day's close.
 * Unknown coin: HTTP 404 {"error":"coin not found"}. Throttled: HTTP 429
 *   {"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit…"}}
 * Public users may only ask for the last 365 days (HTTP 401, error_code 10012): that is an `auth` (plan) failure.
 */
const Point = z.tuple([z.number(), z.number().nullable()]);
const RangeBody = z.object({ prices: z.array(Point) }).loose();
const SimplePrice = z.record(z.string(), z.record(z.string(), z.number().nullable()));

/**
 * Search: {base}/search?query=bitcoin →
 *   {"coins":[{"id":"bitcoin","name":"Bitcoin","api_symbol":"bitcoin","symbol":"BTC","market_cap_rank":1,"thumb":"…",
 *     "large":"…"},…],"exchanges":[…],"icos":[],"categories":[…],"nfts":[…]}
 * Coins come ranked by market cap; the id is what this provider is asked for. Prices are asked in USD.
 */
const SearchBody = z.object({
  coins: z.array(z.object({ id: z.string(), name: z.string(), symbol: z.string(), market_cap_rank: z.number().nullable().optional() }).loose()),
});

function coinId(target: MarketTarget): string {
  return symbolFor(target, 'coingecko', () => {
    const { base } = pairOf(target, 'coingecko');
    const id = COINGECKO_IDS[base];
    if (!id) throw new ProviderError('not_found', `no CoinGecko id known for ${base} (set providerSymbols.coingecko)`, { provider: 'coingecko' });
    return id;
  });
}

function headers(ctx: ProviderContext): Record<string, string> {
  return ctx.apiKey ? { 'x-cg-demo-api-key': ctx.apiKey } : {};
}

export const coingecko: ProviderAdapter = {
  id: 'coingecko',
  name: 'CoinGecko',
  assetClasses: ['crypto'],
  needsKey: false,
  capabilities: { maxRangeDays: 365, earliestDate: '2013-04-28', intraday: true },
  // The keyless tier allows roughly 5–15 calls a minute depending on load.
  defaultRateLimit: { capacity: 2, refillPerSec: 5 / 60 },
  defaultBaseUrl: 'https://api.coingecko.com/api/v3',

  canHandle(target: MarketTarget): boolean {
    if (target.assetClass !== 'crypto') return false;
    if (target.providerSymbols?.coingecko) return true;
    const base = target.base ?? target.symbol.split('-')[0] ?? '';
    return base.toUpperCase() in COINGECKO_IDS;
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const { quote } = pairOf(target, this.id);
    const id = coinId(target);
    const vs = quote.toLowerCase();
    const url = `${ctx.baseUrl}/simple/price?ids=${encodeURIComponent(id)}&vs_currencies=${vs}&include_last_updated_at=true`;
    const body = parseShape(SimplePrice, await getJson(ctx, { provider: this.id, url, headers: headers(ctx) }), this.id, 'simple price');
    const entry = body[id];
    const price = entry?.[vs];
    if (price === undefined || price === null) throw new ProviderError('not_found', `CoinGecko has no ${id}/${vs} price`, { provider: this.id });
    const updated = entry?.last_updated_at;
    const ts = typeof updated === 'number' ? updated * 1000 : ctx.now();
    return { price: numberToDecimalString(price), currency: quote, date: isoDateUtc(ts), ts };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const { quote } = pairOf(target, this.id);
    const id = coinId(target);
    const url = `${ctx.baseUrl}/coins/${encodeURIComponent(id)}/market_chart/range?vs_currency=${quote.toLowerCase()}&from=${unixSeconds(from)}&to=${unixSeconds(to) + 86_399}`;
    const json = await getJson(ctx, { provider: this.id, url, headers: headers(ctx) });
    if (json && typeof json === 'object' && 'error' in json) {
      throw new ProviderError('not_found', `CoinGecko: ${excerpt(JSON.stringify((json as { error: unknown }).error), 100)}`, { provider: this.id });
    }
    const body = parseShape(RangeBody, json, this.id, 'market chart');
    const bars: DailyBar[] = [];
    for (const [ms, price] of body.prices) {
      if (price === null) continue;
      bars.push({ date: isoDateUtc(ms), close: numberToDecimalString(price) }); // later points of a day replace earlier
    }
    return { bars: finishBars(bars, from, to), currency: quote };
  },

  async search(query: string, ctx: ProviderContext): Promise<SearchHit[]> {
    const url = `${ctx.baseUrl}/search?query=${encodeURIComponent(query)}`;
    const body = parseShape(SearchBody, await getJson(ctx, { provider: this.id, url, headers: headers(ctx) }), this.id, 'search');
    const hits: SearchHit[] = [];
    for (const c of body.coins.slice(0, 10)) {
      const symbol = `${c.symbol.toUpperCase()}-USD`;
      if (!isCatalogueSymbol(symbol)) continue;
      hits.push({ providerSymbol: c.id, symbol, name: c.name, assetClass: 'crypto', type: 'Crypto', currency: 'USD' });
    }
    return hits;
  },
};
