import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { finishBars, isoDateUtc } from '../dates.js';
import { numberToDecimalString } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { excerpt, getJson, parseShape } from '../http.js';
import { isFiatCode, pairOf } from '../symbols.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext } from '../types.js';

/**
 * CurrencyBeacon (user key, `api_key` query parameter).
 *   {base}/timeseries?api_key=KEY&base=EUR&symbols=USD&start_date=2020-02-28&end_date=2020-03-06 →
 *     {"meta":{"code":200,"disclaimer":"Usage subject to terms: …"},"response":{"2020-02-28":{"USD":1.0977},…}}
 *   {base}/latest?api_key=KEY&base=EUR&symbols=USD →
 *     {"meta":{…},"response":{"date":"…","base":"EUR","rates":{"USD":1.08}},"date":…,"base":…,"rates":{…}}
 * Errors carry the code in `meta` (also sent with HTTP 200 by some plans/proxies):
 *   {"meta":{"code":401,"error_type":"auth failed","error_detail":"…"},"response":[]}
 * Unknown symbols are dropped from the rates, so an empty series is not_found.
 */
const Meta = z.object({ code: z.number().int(), error_type: z.string().optional(), error_detail: z.string().optional() }).loose();
const Envelope = z.object({ meta: Meta, response: z.unknown() }).loose();
const SeriesResponse = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.record(z.string(), z.number().positive()));
const LatestResponse = z.object({ date: z.string(), rates: z.record(z.string(), z.number().positive()) }).loose();

function metaError(code: number, meta: z.infer<typeof Meta>): ProviderError | undefined {
  if (code >= 200 && code < 300) return undefined;
  const text = `${code} ${meta.error_type ?? ''}${meta.error_detail ? `: ${excerpt(meta.error_detail, 120)}` : ''}`.trim();
  const opts = { provider: 'currency-beacon' as const, status: code };
  if (code === 429) return new ProviderError('rate_limited', text, opts);
  if (code === 401 || code === 403) return new ProviderError('auth', text, opts);
  if (code === 404 || code === 400 || code === 422) return new ProviderError('not_found', text, opts);
  if (code >= 500) return new ProviderError('transient', text, opts);
  return new ProviderError('bad_data', text, opts);
}

function classify(status: number, body: string): ProviderError | undefined {
  try {
    const env = Envelope.safeParse(JSON.parse(body));
    if (env.success && status !== 429) return metaError(env.data.meta.code, env.data.meta);
  } catch {
    /* not JSON: generic status rules apply */
  }
  return undefined;
}

/** apilayer-style `{"success":false,"error":{"code":104,"info":"…"}}` bodies (seen from older plans and proxies). */
const SuccessFalse = z.object({ success: z.literal(false), error: z.object({ code: z.number().int(), type: z.string().optional(), info: z.string().optional() }).loose() });

function successFalseError(json: unknown): ProviderError | undefined {
  const r = SuccessFalse.safeParse(json);
  if (!r.success) return undefined;
  const { code, type, info } = r.data.error;
  const text = `${code} ${type ?? ''}${info ? `: ${excerpt(info, 120)}` : ''}`.trim();
  const opts = { provider: 'currency-beacon' as const };
  // 101 missing/invalid key, 102 inactive account, 105 plan restriction; 104/106 usage limit; 404 unknown resource.
  if (code === 104 || code === 106 || code === 429) return new ProviderError('rate_limited', text, opts);
  if (code === 101 || code === 102 || code === 105 || code === 401 || code === 403) return new ProviderError('auth', text, opts);
  if (code === 404 || code === 201 || code === 202) return new ProviderError('not_found', text, opts);
  return new ProviderError('bad_data', text, opts);
}

async function call(ctx: ProviderContext, path: string, query: string): Promise<unknown> {
  const url = `${ctx.baseUrl}/${path}?api_key=${encodeURIComponent(ctx.apiKey ?? '')}&${query}`;
  const json = await getJson(ctx, { provider: 'currency-beacon', url, classify });
  const sf = successFalseError(json);
  if (sf) throw sf;
  const env = parseShape(Envelope, json, 'currency-beacon', 'envelope');
  const err = metaError(env.meta.code, env.meta);
  if (err) throw err; // `meta.code` ≠ 200 inside an HTTP 200
  return env.response;
}

export const currencyBeacon: ProviderAdapter = {
  id: 'currency-beacon',
  name: 'CurrencyBeacon',
  assetClasses: ['fx'],
  needsKey: true,
  capabilities: { maxRangeDays: 366, earliestDate: '1996-01-01', intraday: true },
  defaultRateLimit: { capacity: 5, refillPerSec: 1 },
  defaultBaseUrl: 'https://api.currencybeacon.com/v1',

  canHandle(target: MarketTarget): boolean {
    if (target.assetClass !== 'fx') return false;
    const [b, q] = target.symbol.split('-');
    return !!b && !!q && isFiatCode(b) && isFiatCode(q);
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const { base, quote } = pairOf(target, this.id);
    const res = parseShape(LatestResponse, await call(ctx, 'latest', `base=${base}&symbols=${quote}`), this.id, 'latest');
    const rate = res.rates[quote];
    if (rate === undefined) throw new ProviderError('not_found', `no ${base}-${quote} rate`, { provider: this.id });
    const ts = Date.parse(res.date);
    return { price: numberToDecimalString(rate), currency: quote, date: Number.isNaN(ts) ? res.date.slice(0, 10) : isoDateUtc(ts), ...(Number.isNaN(ts) ? {} : { ts }) };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const { base, quote } = pairOf(target, this.id);
    const raw = await call(ctx, 'timeseries', `base=${base}&symbols=${quote}&start_date=${from}&end_date=${to}`);
    // An error-free empty answer comes back as [] rather than {}.
    const series = Array.isArray(raw) && raw.length === 0 ? {} : parseShape(SeriesResponse, raw, this.id, 'time series');
    const bars: DailyBar[] = [];
    for (const [date, rates] of Object.entries(series)) {
      const r = rates[quote];
      if (r !== undefined) bars.push({ date, close: numberToDecimalString(r) });
    }
    if (bars.length === 0) throw new ProviderError('not_found', `no ${base}-${quote} rates between ${from} and ${to}`, { provider: this.id });
    return { bars: finishBars(bars, from, to), currency: quote };
  },
};
