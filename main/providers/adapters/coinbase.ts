import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { finishBars, isoDateUtc } from '../dates.js';
import { decimalString, numberToDecimalString } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { getJson, parseShape } from '../http.js';
import { pairOf, symbolFor } from '../symbols.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext } from '../types.js';

/**
 * Coinbase Exchange public market data (keyless).
 *   {base}/products/BTC-USD/candles?granularity=86400&start=2020-03-01T00:00:00Z&end=2020-03-05T23:59:59Z →
 *     [[1583366400,8651.27,8890,8750.01,8760.26,11436.68],…]   ([time, low, high, open, close, volume], newest first,
 *     JSON numbers, at most 300 candles per request)
 *   {base}/products/BTC-USD/ticker → {"ask":"…","bid":"…","volume":"…","trade_id":…,"price":"…","size":"…","time":"…Z"}
 * Unknown product: HTTP 404 {"message":"NotFound"}; throttled: HTTP 429 {"message":"Public rate limit exceeded"}.
 */
const Candle = z.tuple([z.number().int(), z.number(), z.number(), z.number(), z.number(), z.number()]);
const Candles = z.array(Candle);
const Ticker = z.object({ price: z.string(), time: z.string() }).loose();

function productId(target: MarketTarget): string {
  return symbolFor(target, 'coinbase', () => {
    const { base, quote } = pairOf(target, 'coinbase');
    return `${base}-${quote}`;
  });
}

export const coinbase: ProviderAdapter = {
  id: 'coinbase',
  name: 'Coinbase Exchange',
  assetClasses: ['crypto'],
  needsKey: false,
  capabilities: { maxRangeDays: 300, earliestDate: '2015-07-20', intraday: true },
  defaultRateLimit: { capacity: 5, refillPerSec: 5 },
  defaultBaseUrl: 'https://api.exchange.coinbase.com',

  canHandle(target: MarketTarget): boolean {
    return target.assetClass === 'crypto' && (!!target.providerSymbols?.coinbase || target.symbol.includes('-'));
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const { quote } = pairOf(target, this.id);
    const url = `${ctx.baseUrl}/products/${encodeURIComponent(productId(target))}/ticker`;
    const body = parseShape(Ticker, await getJson(ctx, { provider: this.id, url }), this.id, 'ticker');
    const ts = Date.parse(body.time);
    if (Number.isNaN(ts)) throw new ProviderError('bad_data', `bad ticker time ${body.time}`, { provider: this.id });
    return { price: decimalString(body.price), currency: quote, date: isoDateUtc(ts), ts };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const { quote } = pairOf(target, this.id);
    const url = `${ctx.baseUrl}/products/${encodeURIComponent(productId(target))}/candles?granularity=86400&start=${from}T00:00:00Z&end=${to}T23:59:59Z`;
    const rows = parseShape(Candles, await getJson(ctx, { provider: this.id, url }), this.id, 'candles');
    const bars: DailyBar[] = rows.map(([t, low, high, open, close, volume]) => ({
      date: isoDateUtc(t * 1000),
      open: numberToDecimalString(open),
      high: numberToDecimalString(high),
      low: numberToDecimalString(low),
      close: numberToDecimalString(close),
      volume: numberToDecimalString(volume),
    }));
    return { bars: finishBars(bars, from, to), currency: quote };
  },
};
