import { z } from 'zod';
import { finishBars } from '../dates.js';
import { numberToDecimalString } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { getJson, parseShape } from '../http.js';
import { isFiatCode, pairOf } from '../symbols.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext } from '../types.js';

/**
 * Frankfurter (ECB reference rates re-served as JSON, keyless).
 * Time series: GET {base}/{from}..{to}?base=EUR&symbols=USD →
 *   {"amount":1.0,"base":"EUR","start_date":"2020-02-28","end_date":"2020-03-06","rates":{"2020-02-28":{"USD":1.0977},…}}
 * Latest: GET {base}/latest?base=EUR&symbols=USD → {"amount":1.0,"base":"EUR","date":"2020-03-06","rates":{"USD":1.1336}}
 * Only ECB working days appear. start_date may be the business day before `from` (it snaps back), so we trim.
 * Unknown currency: HTTP 404 {"message":"not found"}.
 */
const Rates = z.record(z.string(), z.number().positive());
const SeriesBody = z.object({
  base: z.string(),
  start_date: z.string().optional(),
  end_date: z.string().optional(),
  rates: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), Rates),
});
const LatestBody = z.object({ base: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), rates: Rates });

export const frankfurter: ProviderAdapter = {
  id: 'frankfurter',
  name: 'Frankfurter (ECB)',
  assetClasses: ['fx'],
  needsKey: false,
  // The public instance answers long ranges, but a year per request keeps bodies small and retries cheap.
  capabilities: { maxRangeDays: 366, earliestDate: '1999-01-04', intraday: false },
  defaultRateLimit: { capacity: 5, refillPerSec: 2 },
  defaultBaseUrl: 'https://api.frankfurter.dev/v1',

  canHandle(target: MarketTarget): boolean {
    if (target.assetClass !== 'fx') return false;
    const [b, q] = target.symbol.split('-');
    return !!b && !!q && isFiatCode(b) && isFiatCode(q);
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const { base, quote } = pairOf(target, this.id);
    const url = `${ctx.baseUrl}/latest?base=${base}&symbols=${quote}`;
    const body = parseShape(LatestBody, await getJson(ctx, { provider: this.id, url }), this.id, 'latest');
    const rate = body.rates[quote];
    if (rate === undefined) throw new ProviderError('not_found', `no ${base}-${quote} rate`, { provider: this.id });
    return { price: numberToDecimalString(rate), currency: quote, date: body.date };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const { base, quote } = pairOf(target, this.id);
    const url = `${ctx.baseUrl}/${from}..${to}?base=${base}&symbols=${quote}`;
    const body = parseShape(SeriesBody, await getJson(ctx, { provider: this.id, url }), this.id, 'time series');
    const bars = Object.entries(body.rates).flatMap(([date, rates]) => {
      const r = rates[quote];
      return r === undefined ? [] : [{ date, close: numberToDecimalString(r) }];
    });
    // Nothing at all for the pair is not_found. (A weekend-only range still gets the snapped-back Friday, which
    // finishBars trims, so a known pair never lands here.)
    if (bars.length === 0) {
      throw new ProviderError('not_found', `no ${base}-${quote} rates between ${from} and ${to}`, { provider: this.id });
    }
    return { bars: finishBars(bars, from, to), currency: quote };
  },
};
