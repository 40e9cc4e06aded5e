import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { finishBars, isoDateUtc, unixSeconds } from '../dates.js';
import { barToMajorUnit, majorCurrency, numberToDecimalString, toMajorUnit } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { excerpt, getJson, parseShape } from '../http.js';
import { isCatalogueSymbol, listingOfTicker } from '../listings.js';
import { symbolFor } from '../symbols.js';
import { finishSplits, splitOf } from '../splits.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext, SearchHit, SplitEvent } from '../types.js';

/**
 * Finnhub (user key, sent in the X-Finnhub-Token header so it never lands in a URL or a log).
 *   {base}/stock/candle?symbol=AAPL&resolution=D&from=unix&to=unix →
 *     {"c":[289.32,…],"h":[…],"l":[…],"o":[…],"s":"ok","t":[1583107200,…],"v":[…]}
 *     no candles: {"s":"no_data"} (HTTP 200) → not_found
 *   {base}/quote?symbol=AAPL → {"c":261.74,"d":…,"dp":…,"h":…,"l":…,"o":…,"pc":…,"t":1582641000}
 *     unknown symbol: every field 0 (or null) → not_found
 * Errors: HTTP 401 {"error":"Invalid API key"}, 403 {"error":"You don't have access to this resource."} (candles
 * are a paid feature now), 429 {"error":"API limit reached. Please try again later. Remaining Limit: 0"}.
 * Daily candle times are 00:00 UTC of the trading day. The response has no currency: the catalogue's quote is used.
 */
const Arr = z.array(z.number().nullable());
const CandleBody = z.union([
  z.object({ s: z.literal('ok'), t: z.array(z.number().int()), c: Arr, o: Arr.optional(), h: Arr.optional(), l: Arr.optional(), v: Arr.optional() }),
  z.object({ s: z.literal('no_data') }).loose(),
]);
const QuoteBody = z.object({ c: z.number().nullable(), t: z.number().nullable() }).loose();

/**
 * Symbol lookup: {base}/search?q=apple →
 *   {"count":4,"result":[{"description":"APPLE INC","displaySymbol":"AAPL","symbol":"AAPL","type":"Common Stock"},…]}
 * Symbols follow Yahoo's suffixes (AAPL.SW); the currency and exchange follow from them. An ISIN query answers the
 * listings of that ISIN.
 */
const SearchBody = z.object({
  count: z.number().optional(),
  result: z.array(z.object({ description: z.string(), displaySymbol: z.string(), symbol: z.string(), type: z.string() }).loose()),
});

/**
 * Splits: {base}/stock/split?symbol=AAPL&from=2000-01-01&to=2020-12-31 →
 *   [{"symbol":"AAPL","date":"2020-08-31","fromFactor":1,"toFactor":4}] (toFactor new units for fromFactor old).
 */
const SplitBody = z.array(z.object({ symbol: z.string().optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), fromFactor: z.number(), toFactor: z.number() }).loose());

function headers(ctx: ProviderContext): Record<string, string> {
  return { 'x-finnhub-token': ctx.apiKey ?? '' };
}

function bodyError(json: unknown): ProviderError | undefined {
  if (json && typeof json === 'object' && typeof (json as { error?: unknown }).error === 'string') {
    const msg = (json as { error: string }).error;
    const kind = /limit/i.test(msg) ? 'rate_limited' : /key|access|permission/i.test(msg) ? 'auth' : 'bad_data';
    return new ProviderError(kind, excerpt(msg, 120), { provider: 'finnhub' });
  }
  return undefined;
}

export const finnhub: ProviderAdapter = {
  id: 'finnhub',
  name: 'Finnhub',
  assetClasses: ['stock'],
  needsKey: true,
  capabilities: { maxRangeDays: 3660, earliestDate: '1990-01-01', intraday: true },
  // Free plan: 60 calls a minute, and at most 30 a second.
  defaultRateLimit: { capacity: 5, refillPerSec: 1 },
  defaultBaseUrl: 'https://finnhub.io/api/v1',

  canHandle(target: MarketTarget): boolean {
    return target.assetClass === 'stock';
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const symbol = symbolFor(target, this.id, () => target.symbol);
    const json = await getJson(ctx, { provider: this.id, url: `${ctx.baseUrl}/quote?symbol=${encodeURIComponent(symbol)}`, headers: headers(ctx) });
    const err = bodyError(json);
    if (err) throw err;
    const q = parseShape(QuoteBody, json, this.id, 'quote');
    if (!q.c || !q.t) throw new ProviderError('not_found', `Finnhub does not know ${symbol}`, { provider: this.id });
    const major = majorCurrency(target.quote ?? 'USD');
    const ts = q.t * 1000;
    return { price: toMajorUnit(numberToDecimalString(q.c), major.divisor), currency: major.currency, date: isoDateUtc(ts), ts };
  },

  async splits(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<SplitEvent[]> {
    const symbol = symbolFor(target, this.id, () => target.symbol);
    const url = `${ctx.baseUrl}/stock/split?symbol=${encodeURIComponent(symbol)}&from=${from}&to=${to}`;
    const json = await getJson(ctx, { provider: this.id, url, headers: headers(ctx) });
    const err = bodyError(json);
    if (err) throw err;
    return finishSplits(parseShape(SplitBody, json, this.id, 'splits').map((x) => splitOf(x.date, x.toFactor, x.fromFactor)), from, to);
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const symbol = symbolFor(target, this.id, () => target.symbol);
    const url = `${ctx.baseUrl}/stock/candle?symbol=${encodeURIComponent(symbol)}&resolution=D&from=${unixSeconds(from)}&to=${unixSeconds(to) + 86_399}`;
    const json = await getJson(ctx, { provider: this.id, url, headers: headers(ctx) });
    const err = bodyError(json);
    if (err) throw err;
    const body = parseShape(CandleBody, json, this.id, 'candles');
    if (body.s === 'no_data') throw new ProviderError('not_found', `Finnhub: no_data for ${symbol}`, { provider: this.id });
    if (body.c.length !== body.t.length) throw new ProviderError('bad_data', 'Finnhub candle arrays differ in length', { provider: this.id });
    const major = majorCurrency(target.quote ?? 'USD');
    const bars: DailyBar[] = [];
    body.t.forEach((t, i) => {
      const close = body.c[i];
      if (close === null || close === undefined) return;
      const bar: DailyBar = { date: isoDateUtc(t * 1000), close: numberToDecimalString(close) };
      const [o, h, l, v] = [body.o?.[i], body.h?.[i], body.l?.[i], body.v?.[i]];
      if (o != null) bar.open = numberToDecimalString(o);
      if (h != null) bar.high = numberToDecimalString(h);
      if (l != null) bar.low = numberToDecimalString(l);
      if (v != null) bar.volume = numberToDecimalString(v);
      bars.push(barToMajorUnit(bar, major.divisor));
    });
    return { bars: finishBars(bars, from, to), currency: major.currency };
  },

  async search(query: string, ctx: ProviderContext): Promise<SearchHit[]> {
    const json = await getJson(ctx, { provider: this.id, url: `${ctx.baseUrl}/search?q=${encodeURIComponent(query)}`, headers: headers(ctx) });
    const err = bodyError(json);
    if (err) throw err;
    const hits: SearchHit[] = [];
    for (const r of parseShape(SearchBody, json, this.id, 'search').result) {
      const symbol = r.displaySymbol.toUpperCase();
      if (!isCatalogueSymbol(symbol)) continue;
      const listing = listingOfTicker(symbol);
      hits.push({
        providerSymbol: r.symbol,
        symbol,
        name: r.description || symbol,
        assetClass: 'stock',
        type: r.type || 'Stock',
        ...(listing ? { exchange: listing.exchange, currency: listing.currency } : {}),
      });
    }
    return hits;
  },
};
