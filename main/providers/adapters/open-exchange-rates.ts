import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { finishBars, isoDateUtc, splitRange } from '../dates.js';
import { divideRates, numberToDecimalString } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { excerpt, getJson, parseShape } from '../http.js';
import { isFiatCode, pairOf } from '../symbols.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext } from '../types.js';

/**
 * Open Exchange Rates (user key, `app_id` query parameter).
 *   {base}/historical/2020-03-02.json?app_id=KEY&symbols=EUR →
 *     {"disclaimer":"Usage subject to terms: …","license":"…","timestamp":1583193599,"base":"USD","rates":{"EUR":0.899…}}
 *   {base}/latest.json?app_id=KEY&symbols=EUR → same shape, timestamp of the last hourly update.
 * Errors (same HTTP status in the header and body):
 *   {"error":true,"status":401,"message":"invalid_app_id","description":"Invalid App ID provided…"}
 *   messages: missing_app_id / invalid_app_id (401), not_allowed (403: feature not in plan),
 *   access_restricted (429: over quota; 403 otherwise), invalid_base (400), not_found (404).
 * The free plan only has base USD and no time-series endpoint, so history is one historical/{date}.json per day and
 * other pairs are derived through USD in decimal.js. OXR publishes every calendar day (weekends included).
 * Unknown symbols are silently dropped from `rates`, so a missing rate is not_found.
 */
const ErrorBody = z.object({ error: z.literal(true), status: z.number().optional(), message: z.string(), description: z.string().optional() });
const RatesBody = z.object({ timestamp: z.number().int(), base: z.string(), rates: z.record(z.string(), z.number().positive()) });

function classifyBody(status: number, body: string): ProviderError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const r = ErrorBody.safeParse(parsed);
  if (!r.success) return undefined;
  const { message, description } = r.data;
  const text = `${message}${description ? `: ${excerpt(description, 120)}` : ''}`;
  const opts = { provider: 'open-exchange-rates' as const, status };
  if (message === 'access_restricted' && status === 429) return new ProviderError('rate_limited', text, opts);
  if (message === 'missing_app_id' || message === 'invalid_app_id' || message === 'not_allowed' || message === 'access_restricted') {
    return new ProviderError('auth', text, opts);
  }
  if (message === 'not_found' || message === 'invalid_base') return new ProviderError('not_found', text, opts);
  return undefined;
}

async function fetchRates(ctx: ProviderContext, path: string, symbols: string[]) {
  const url = `${ctx.baseUrl}/${path}?app_id=${encodeURIComponent(ctx.apiKey ?? '')}&symbols=${symbols.join(',')}`;
  const json = await getJson(ctx, { provider: 'open-exchange-rates', url, classify: classifyBody });
  // Some proxies turn errors into 200s; the body still says error:true.
  const err = ErrorBody.safeParse(json);
  if (err.success) throw classifyBody(err.data.status ?? 400, JSON.stringify(json)) ?? new ProviderError('bad_data', err.data.message, { provider: 'open-exchange-rates' });
  return parseShape(RatesBody, json, 'open-exchange-rates', 'rates');
}

/** base→quote from USD-based rates; USD→X is published as is. */
function rateFrom(rates: Record<string, number>, base: string, quote: string): string | undefined {
  const usd = (c: string) => (c === 'USD' ? 1 : rates[c]);
  const b = usd(base);
  const q = usd(quote);
  if (b === undefined || q === undefined) return undefined;
  if (base === 'USD') return numberToDecimalString(q);
  return divideRates(numberToDecimalString(q), numberToDecimalString(b));
}

export const openExchangeRates: ProviderAdapter = {
  id: 'open-exchange-rates',
  name: 'Open Exchange Rates',
  assetClasses: ['fx'],
  needsKey: true,
  // One request per day of history: cap a call at a month so a backfill is spread over many token-bucket turns.
  capabilities: { maxRangeDays: 31, earliestDate: '1999-01-01', intraday: true },
  defaultRateLimit: { capacity: 5, refillPerSec: 1 },
  defaultBaseUrl: 'https://openexchangerates.org/api',

  canHandle(target: MarketTarget): boolean {
    if (target.assetClass !== 'fx') return false;
    const [b, q] = target.symbol.split('-');
    return !!b && !!q && isFiatCode(b) && isFiatCode(q);
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const { base, quote } = pairOf(target, this.id);
    const body = await fetchRates(ctx, 'latest.json', [base, quote]);
    const price = rateFrom(body.rates, base, quote);
    if (!price) throw new ProviderError('not_found', `no ${base}-${quote} rate`, { provider: this.id });
    const ts = body.timestamp * 1000;
    return { price, currency: quote, date: isoDateUtc(ts), ts };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const { base, quote } = pairOf(target, this.id);
    const bars: DailyBar[] = [];
    for (const [date] of splitRange(from, to, 1)) {
      const body = await fetchRates(ctx, `historical/${date}.json`, [base, quote]);
      const close = rateFrom(body.rates, base, quote);
      if (!close) throw new ProviderError('not_found', `no ${base}-${quote} rate on ${date}`, { provider: this.id });
      bars.push({ date, close });
    }
    return { bars: finishBars(bars, from, to), currency: quote };
  },
};
