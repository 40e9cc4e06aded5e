import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { addDays, finishBars, isoDateUtc, unixSeconds } from '../dates.js';
import { barToMajorUnit, majorCurrency, numberToDecimalString, roundToPlaces, toMajorUnit } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { getJson, parseShape } from '../http.js';
import { isCatalogueSymbol, listingOfYahooExchange } from '../listings.js';
import { symbolFor } from '../symbols.js';
import { asTraded, finishSplits, splitOf } from '../splits.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext, SearchHit, SplitEvent } from '../types.js';

/**
 * Yahoo Finance chart API (unofficial, keyless).
 *   {base}/v8/finance/chart/AAPL?period1=unix&period2=unix&interval=1d&events=split →
 *     {"chart":{"result":[{"meta":{"currency":"USD","symbol":"AAPL","gmtoffset":-18000,"priceHint":2,
 *        "regularMarketPrice":…,"regularMarketTime":…,…},
 *        "timestamp":[1583159400,…],
 *        "indicators":{"quote":[{"open":[…],"high":[…],"low":[…],"close":[…],"volume":[…]}],"adjclose":[…]}}],
 *      "error":null}}
 *   Unknown symbol: HTTP 404 {"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}
 * Quirks handled here:
 * - Timestamps are the session open in exchange time; adding gmtoffset before taking the UTC date gives the local
 *   trading day.
 * - Values are float32 widened to double (73.44999694824219); meta.priceHint is the precision Yahoo itself displays,
 *   so we round to it in decimal.js to get back the published price (73.45).
 * - Days without data come back as null in every array: dropped.
 * - LSE/JSE/TASE listings are quoted in minor units (currency "GBp"/"GBX", "ZAc", "ILA"): converted to the major
 *   unit exactly (÷100) and reported in it.
 */
const Num = z.number().nullable();
const Quote = z.object({ open: z.array(Num).optional(), high: z.array(Num).optional(), low: z.array(Num).optional(), close: z.array(Num), volume: z.array(Num).optional() });
const Meta = z
  .object({
    currency: z.string().nullable().optional(),
    symbol: z.string(),
    gmtoffset: z.number().optional(),
    priceHint: z.number().int().min(0).max(12).optional(),
    regularMarketPrice: z.number().optional(),
    regularMarketTime: z.number().optional(),
  })
  .loose();
/**
 * Splits, with `events=split`: "events":{"splits":{"1598880600":{"date":1598880600,"numerator":4,"denominator":1,
 * "splitRatio":"4:1"}}}, keyed by the ex-date's session open (unix seconds, exchange time less gmtoffset).
 */
const SplitEntry = z.object({ date: z.number(), numerator: z.number(), denominator: z.number(), splitRatio: z.string().optional() }).loose();
const Events = z.object({ splits: z.record(z.string(), SplitEntry).optional() }).loose();
const Result = z
  .object({ meta: Meta, timestamp: z.array(z.number()).optional(), indicators: z.object({ quote: z.array(Quote) }).loose(), events: Events.optional() })
  .loose();
const ChartBody = z.object({
  chart: z.object({
    result: z.array(Result).nullable(),
    error: z.object({ code: z.string(), description: z.string().nullable().optional() }).loose().nullable(),
  }),
});

/**
 * Search: {base}/v1/finance/search?q=apple&quotesCount=10&newsCount=0 →
 *   {"explains":[],"count":8,"quotes":[{"exchange":"NMS","shortname":"Apple Inc.","quoteType":"EQUITY","symbol":"AAPL",
 *     "index":"quotes","score":…,"typeDisp":"Equity","longname":"Apple Inc.","exchDisp":"NASDAQ",…},…],"news":[],…}
 * No currency: it follows from the exchange code (or the ticker's suffix). Funds, ETFs and equities are kept; indices,
 * currencies, futures and options are not instruments one holds here, and crypto is searched at the crypto providers.
 */
const SearchQuote = z
  .object({
    symbol: z.string().optional(),
    shortname: z.string().optional(),
    longname: z.string().optional(),
    quoteType: z.string().optional(),
    typeDisp: z.string().optional(),
    exchange: z.string().optional(),
    exchDisp: z.string().optional(),
  })
  .loose();
const SearchBody = z.object({ quotes: z.array(SearchQuote).optional() }).loose();
const HELD_TYPES = new Set(['EQUITY', 'ETF', 'MUTUALFUND']);

function searchHits(body: z.infer<typeof SearchBody>): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const q of body.quotes ?? []) {
    if (!q.symbol || !HELD_TYPES.has(q.quoteType ?? '') || !isCatalogueSymbol(q.symbol)) continue;
    const listing = listingOfYahooExchange(q.exchange, q.symbol);
    hits.push({
      providerSymbol: q.symbol,
      symbol: q.symbol,
      name: q.longname ?? q.shortname ?? q.symbol,
      assetClass: 'stock',
      type: q.typeDisp ?? q.quoteType ?? 'Equity',
      ...(q.exchDisp || listing ? { exchange: q.exchDisp ?? listing!.exchange } : {}),
      ...(listing ? { currency: listing.currency } : {}),
    });
  }
  return hits;
}

function yahooSymbol(target: MarketTarget): string {
  // FX on Yahoo is EURUSD=X and crypto BTC-USD; stocks are the ticker itself (VOD.L, AAPL).
  return symbolFor(target, 'yahoo', () => (target.assetClass === 'fx' ? `${target.symbol.replace('-', '')}=X` : target.symbol));
}

async function chart(ctx: ProviderContext, target: MarketTarget, query: string): Promise<z.infer<typeof Result>> {
  const url = `${ctx.baseUrl}/v8/finance/chart/${encodeURIComponent(yahooSymbol(target))}?${query}`;
  // Yahoo rejects requests without a browser-like user agent.
  const json = await getJson(ctx, { provider: 'yahoo', url, headers: { 'user-agent': 'Mozilla/5.0 (Bourse desktop app)' } });
  const body = parseShape(ChartBody, json, 'yahoo', 'chart');
  const result = body.chart.result?.[0];
  if (!result) {
    const why = body.chart.error ? `${body.chart.error.code}: ${body.chart.error.description ?? ''}` : 'empty result';
    throw new ProviderError('not_found', `Yahoo: ${why}`, { provider: 'yahoo' });
  }
  return result;
}

/** The splits of a chart answer asked with `events=split`, each on its exchange day, those in [from, to]. */
function splitsOf(result: z.infer<typeof Result>, from: string, to: string): SplitEvent[] {
  const offset = result.meta.gmtoffset ?? 0;
  const entries = Object.values(result.events?.splits ?? {});
  return finishSplits(
    entries.map((e) => splitOf(isoDateUtc((e.date + offset) * 1000), e.numerator, e.denominator)),
    from,
    to,
  );
}

async function splitsBetween(ctx: ProviderContext, target: MarketTarget, from: string, to: string): Promise<SplitEvent[]> {
  // Monthly bars keep the answer small: only the events are read.
  return splitsOf(await chart(ctx, target, `period1=${unixSeconds(from)}&period2=${unixSeconds(to) + 86_400}&interval=1mo&events=split`), from, to);
}

function published(n: number, priceHint: number | undefined): string {
  const s = numberToDecimalString(n);
  return priceHint === undefined ? s : roundToPlaces(s, priceHint);
}

function currencyOf(result: z.infer<typeof Result>, target: MarketTarget): string {
  const c = result.meta.currency ?? target.quote;
  if (!c) throw new ProviderError('bad_data', 'Yahoo did not say the currency', { provider: 'yahoo' });
  return c;
}

export const yahoo: ProviderAdapter = {
  id: 'yahoo',
  name: 'Yahoo Finance',
  assetClasses: ['stock'],
  needsKey: false,
  capabilities: { maxRangeDays: 3660, earliestDate: '1962-01-02', intraday: true },
  defaultRateLimit: { capacity: 4, refillPerSec: 2 },
  defaultBaseUrl: 'https://query1.finance.yahoo.com',

  canHandle(target: MarketTarget): boolean {
    return target.assetClass === 'stock' && /^[A-Za-z0-9.^=_-]{1,32}$/.test(target.symbol);
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const result = await chart(ctx, target, 'range=5d&interval=1d');
    const { regularMarketPrice: price, regularMarketTime: time, priceHint, gmtoffset } = result.meta;
    if (price === undefined || time === undefined) throw new ProviderError('not_found', 'Yahoo has no market price', { provider: this.id });
    const major = majorCurrency(currencyOf(result, target));
    const ts = time * 1000;
    return { price: toMajorUnit(published(price, priceHint), major.divisor), currency: major.currency, date: isoDateUtc(ts + (gmtoffset ?? 0) * 1000), ts };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const result = await chart(ctx, target, `period1=${unixSeconds(from)}&period2=${unixSeconds(to) + 86_400}&interval=1d&events=split`);
    const major = majorCurrency(currencyOf(result, target));
    const { priceHint, gmtoffset = 0 } = result.meta;
    const q = result.indicators.quote[0];
    const times = result.timestamp ?? [];
    if (times.length > 0 && (!q || q.close.length !== times.length)) {
      throw new ProviderError('bad_data', 'Yahoo quote arrays do not match timestamps', { provider: this.id });
    }
    const bars: DailyBar[] = [];
    times.forEach((t, i) => {
      const close = q?.close[i];
      if (close === null || close === undefined) return; // a null close is a day Yahoo has no data for
      const bar: DailyBar = { date: isoDateUtc((t + gmtoffset) * 1000), close: published(close, priceHint) };
      const open = q?.open?.[i];
      const high = q?.high?.[i];
      const low = q?.low?.[i];
      const volume = q?.volume?.[i];
      if (open != null) bar.open = published(open, priceHint);
      if (high != null) bar.high = published(high, priceHint);
      if (low != null) bar.low = published(low, priceHint);
      if (volume != null) bar.volume = numberToDecimalString(volume);
      bars.push(barToMajorUnit(bar, major.divisor));
    });
    // Yahoo's closes are adjusted for every split after their date, up to today, also those after `to`: they are
    // turned back into closes as traded (docs/design.md#split-proposals), with the splits of the range (in this
    // answer) and, for a range that ends before today, those since (one more small request).
    const today = isoDateUtc(ctx.now());
    const splits = [...splitsOf(result, from, to), ...(to < today ? await splitsBetween(ctx, target, addDays(to, 1), today) : [])];
    return { bars: finishBars(asTraded(bars, splits), from, to), currency: major.currency };
  },

  async splits(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<SplitEvent[]> {
    return splitsBetween(ctx, target, from, to);
  },

  async search(query: string, ctx: ProviderContext): Promise<SearchHit[]> {
    const url = `${ctx.baseUrl}/v1/finance/search?q=${encodeURIComponent(query)}&quotesCount=10&newsCount=0&listsCount=0`;
    const json = await getJson(ctx, { provider: this.id, url, headers: { 'user-agent': 'Mozilla/5.0 (Bourse desktop app)' } });
    return searchHits(parseShape(SearchBody, json, this.id, 'search'));
  },
};
