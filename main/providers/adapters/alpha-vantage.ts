import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { addDays, finishBars, isoDateUtc } from '../dates.js';
import { barToMajorUnit, decimalString, majorCurrency, toMajorUnit } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { excerpt, getJson, parseShape } from '../http.js';
import { isFiatCode, pairOf, symbolFor } from '../symbols.js';
import { isCatalogueSymbol, yahooStyleTicker } from '../listings.js';
import { finishSplits, splitOfCoefficient } from '../splits.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext, SearchHit, SplitEvent } from '../types.js';

/**
 * Alpha Vantage (user key, `apikey` query parameter). Stocks and FX.
 *   {base}/query?function=TIME_SERIES_DAILY&symbol=IBM&outputsize=compact&apikey=KEY →
 *     {"Meta Data":{"1. Information":"Daily Prices (open, high, low, close) and Volumes","2. Symbol":"IBM",…},
 *      "Time Series (Daily)":{"2020-03-06":{"1. open":"…","2. high":"…","3. low":"…","4. close":"…","5. volume":"…"},…}}
 *   {base}/query?function=FX_DAILY&from_symbol=EUR&to_symbol=USD&outputsize=compact&apikey=KEY →
 *     {"Meta Data":{…},"Time Series FX (Daily)":{"2020-03-06":{"1. open":"1.12400","2. high":…,"3. low":…,"4. close":…}}}
 *   GLOBAL_QUOTE → {"Global Quote":{"01. symbol":"IBM",…,"05. price":"…","07. latest trading day":"…"}} ({} if unknown)
 *   CURRENCY_EXCHANGE_RATE → {"Realtime Currency Exchange Rate":{…,"5. Exchange Rate":"…","6. Last Refreshed":"…"}}
 * Every failure comes back as HTTP 200 with a one-key body:
 *   {"Note":"Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute…"} (throttle)
 *   {"Information":"…standard API rate limit is 25 requests per day…"} (quota) or "…premium endpoint…" (plan)
 *   {"Error Message":"Invalid API call. Please retry or visit the documentation…"} (unknown symbol)
 * Prices are strings as published. The daily series does not say the currency: it is the catalogue's quote
 * (target.quote, e.g. GBX for TSCO.LON, converted to GBP), USD by default.
 */
const Ohlc = z.object({ '1. open': z.string(), '2. high': z.string(), '3. low': z.string(), '4. close': z.string(), '5. volume': z.string().optional() }).loose();
const Series = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), Ohlc);
/**
 * TIME_SERIES_DAILY_ADJUSTED (splits): {"Meta Data":{"1. Information":"Daily Time Series with Splits and Dividend
 * Events",…},"Time Series (Daily)":{"2020-08-31":{"1. open":"…","4. close":"129.0400","5. adjusted close":"…",
 * "6. volume":"…","7. dividend amount":"0.0000","8. split coefficient":"4.0"},…}}: a coefficient other than 1 is a
 * split on that day.
 */
const Adjusted = z.object({ 'Time Series (Daily)': z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.object({ '8. split coefficient': z.string() }).loose()) }).loose();
const GlobalQuote = z.object({ 'Global Quote': z.record(z.string(), z.string()) });
const FxRate = z.object({ 'Realtime Currency Exchange Rate': z.record(z.string(), z.string()) });

/**
 * SYMBOL_SEARCH: {base}/query?function=SYMBOL_SEARCH&keywords=tesco&apikey=KEY →
 *   {"bestMatches":[{"1. symbol":"TSCO.LON","2. name":"Tesco PLC","3. type":"Equity","4. region":"United Kingdom",
 *     "5. marketOpen":"08:00","6. marketClose":"16:30","7. timezone":"UTC+01","8. currency":"GBX","9. matchScore":"0.7273"},…]}
 * Its suffixes (.LON, .DEX, .TRT) are Alpha Vantage's own: the catalogue symbol is the Yahoo-style ticker, and the
 * Alpha Vantage symbol is kept as this provider's symbol.
 */
const SearchBody = z.object({
  bestMatches: z.array(z.object({ '1. symbol': z.string(), '2. name': z.string(), '3. type': z.string(), '4. region': z.string(), '8. currency': z.string() }).loose()),
});
const HELD_TYPES = new Set(['Equity', 'ETF', 'Mutual Fund']);

/** Turns Alpha Vantage's HTTP-200 error bodies into the right kind. Returns undefined for a data body. */
export function alphaVantageBodyError(json: unknown): ProviderError | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  const provider = 'alpha-vantage' as const;
  const text = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const err = text('Error Message');
  if (err) return new ProviderError('not_found', `Error Message: ${excerpt(err, 120)}`, { provider });
  const note = text('Note');
  if (note) return new ProviderError('rate_limited', `Note: ${excerpt(note, 120)}`, { provider, retryAfterMs: 60_000 });
  const info = text('Information');
  if (info) {
    if (/premium|api ?key|apikey|invalid/i.test(info) && !/rate limit|requests per|call frequency/i.test(info)) {
      return new ProviderError('auth', `Information: ${excerpt(info, 120)}`, { provider });
    }
    // The daily quota resets at midnight US/Eastern; an hour is a polite guess that avoids hammering it.
    const daily = /per day/i.test(info);
    return new ProviderError('rate_limited', `Information: ${excerpt(info, 120)}`, { provider, retryAfterMs: daily ? 3_600_000 : 60_000 });
  }
  return undefined;
}

async function query(ctx: ProviderContext, params: string): Promise<unknown> {
  const url = `${ctx.baseUrl}/query?${params}&apikey=${encodeURIComponent(ctx.apiKey ?? '')}`;
  const json = await getJson(ctx, { provider: 'alpha-vantage', url });
  const err = alphaVantageBodyError(json);
  if (err) throw err;
  return json;
}

function isFx(target: MarketTarget): boolean {
  return target.assetClass === 'fx';
}

export const alphaVantage: ProviderAdapter = {
  id: 'alpha-vantage',
  name: 'Alpha Vantage',
  assetClasses: ['stock', 'fx'],
  needsKey: true,
  capabilities: { maxRangeDays: 100_000, earliestDate: '1999-11-01', intraday: false },
  // Free keys: 25 requests a day, historically also 5 a minute; one every 12 s keeps to the per-minute rule.
  defaultRateLimit: { capacity: 1, refillPerSec: 1 / 12 },
  defaultBaseUrl: 'https://www.alphavantage.co',

  canHandle(target: MarketTarget): boolean {
    if (target.assetClass === 'stock') return true;
    if (target.assetClass !== 'fx') return false;
    const [b, q] = target.symbol.split('-');
    return !!b && !!q && isFiatCode(b) && isFiatCode(q);
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    if (isFx(target)) {
      const { base, quote } = pairOf(target, this.id);
      const body = parseShape(FxRate, await query(ctx, `function=CURRENCY_EXCHANGE_RATE&from_currency=${base}&to_currency=${quote}`), this.id, 'exchange rate');
      const r = body['Realtime Currency Exchange Rate'];
      const rate = r['5. Exchange Rate'];
      const refreshed = r['6. Last Refreshed'];
      if (!rate || !refreshed) throw new ProviderError('not_found', `no ${base}-${quote} rate`, { provider: this.id });
      const ts = Date.parse(`${refreshed.replace(' ', 'T')}Z`);
      return { price: decimalString(rate), currency: quote, date: refreshed.slice(0, 10), ...(Number.isNaN(ts) ? {} : { ts }) };
    }
    const symbol = symbolFor(target, this.id, () => target.symbol);
    const body = parseShape(GlobalQuote, await query(ctx, `function=GLOBAL_QUOTE&symbol=${encodeURIComponent(symbol)}`), this.id, 'global quote');
    const q = body['Global Quote'];
    const price = q['05. price'];
    const day = q['07. latest trading day'];
    if (!price || !day) throw new ProviderError('not_found', `Alpha Vantage does not know ${symbol}`, { provider: this.id });
    const major = majorCurrency(target.quote ?? 'USD');
    return { price: toMajorUnit(decimalString(price), major.divisor), currency: major.currency, date: day };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    // compact = last 100 points (free); full = 20+ years (premium on free keys). Only ask for full when needed.
    const size = from >= addDays(isoDateUtc(ctx.now()), -140) ? 'compact' : 'full';
    let json: unknown;
    let key: string;
    let major: { currency: string; divisor: number };
    if (isFx(target)) {
      const { base, quote } = pairOf(target, this.id);
      json = await query(ctx, `function=FX_DAILY&from_symbol=${base}&to_symbol=${quote}&outputsize=${size}`);
      key = 'Time Series FX (Daily)';
      major = { currency: quote, divisor: 1 };
    } else {
      const symbol = symbolFor(target, this.id, () => target.symbol);
      json = await query(ctx, `function=TIME_SERIES_DAILY&symbol=${encodeURIComponent(symbol)}&outputsize=${size}`);
      key = 'Time Series (Daily)';
      major = majorCurrency(target.quote ?? 'USD');
    }
    const body = parseShape(z.object({ [key]: Series }).loose(), json, this.id, 'daily series') as Record<string, z.infer<typeof Series>>;
    const series = body[key] ?? {};
    if (Object.keys(series).length === 0) throw new ProviderError('not_found', `Alpha Vantage has no data for ${target.symbol}`, { provider: this.id });
    const bars: DailyBar[] = Object.entries(series).map(([date, v]) => {
      const bar: DailyBar = { date, open: decimalString(v['1. open']), high: decimalString(v['2. high']), low: decimalString(v['3. low']), close: decimalString(v['4. close']) };
      if (v['5. volume'] !== undefined) bar.volume = decimalString(v['5. volume']);
      return barToMajorUnit(bar, major.divisor);
    });
    return { bars: finishBars(bars, from, to), currency: major.currency };
  },

  async splits(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<SplitEvent[]> {
    const symbol = symbolFor(target, this.id, () => target.symbol);
    const size = from >= addDays(isoDateUtc(ctx.now()), -140) ? 'compact' : 'full';
    const json = await query(ctx, `function=TIME_SERIES_DAILY_ADJUSTED&symbol=${encodeURIComponent(symbol)}&outputsize=${size}`);
    const series = parseShape(Adjusted, json, this.id, 'adjusted series')['Time Series (Daily)'];
    return finishSplits(
      Object.entries(series).map(([date, v]) => splitOfCoefficient(date, v['8. split coefficient'])),
      from,
      to,
    );
  },

  async search(text: string, ctx: ProviderContext): Promise<SearchHit[]> {
    const json = await query(ctx, `function=SYMBOL_SEARCH&keywords=${encodeURIComponent(text)}`);
    const hits: SearchHit[] = [];
    for (const m of parseShape(SearchBody, json, this.id, 'symbol search').bestMatches) {
      const symbol = yahooStyleTicker(m['1. symbol'].toUpperCase());
      if (!HELD_TYPES.has(m['3. type']) || !isCatalogueSymbol(symbol)) continue;
      hits.push({
        providerSymbol: m['1. symbol'],
        symbol,
        name: m['2. name'],
        assetClass: 'stock',
        type: m['3. type'],
        exchange: m['4. region'],
        currency: majorCurrency(m['8. currency']).currency,
      });
    }
    return hits;
  },
};
