import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { dateToMs, finishBars, isoDateUtc } from '../dates.js';
import { decimalString } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { excerpt, getJson, parseShape } from '../http.js';
import { BINANCE_QUOTE_ALIASES, pairOf, symbolFor } from '../symbols.js';
import { findCurrency } from '../../../shared/currencies.js';
import { isCatalogueSymbol } from '../listings.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext, SearchHit } from '../types.js';

/**
 * Binance spot klines (keyless).
 *   {base}/api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=ms&endTime=ms&limit=1000 →
 *     [[1583107200000,"8523.61000000","8750.00000000","8411.00000000","8910.85000000","58560.21316700",1583193599999,
 *       "…quote volume","trades",…,"0"], …]   (open time, O, H, L, C, base volume, close time, …; prices as strings)
 *   {base}/api/v3/ticker/price?symbol=BTCUSDT → {"symbol":"BTCUSDT","price":"61234.56000000"}
 * Daily candles open at 00:00 UTC, so the UTC date of the open time is the bar's date; crypto trades every day.
 * Unknown symbol: HTTP 400 {"code":-1121,"msg":"Invalid symbol."}; 429/418 with Retry-After when throttled.
 */
const Kline = z.tuple([z.number().int(), z.string(), z.string(), z.string(), z.string(), z.string()]).rest(z.unknown());
const Klines = z.array(Kline);
const TickerPrice = z.object({ symbol: z.string(), price: z.string() });
const BinanceError = z.object({ code: z.number().int(), msg: z.string() });

/**
 * Binance has no search endpoint: its symbol list is {base}/api/v3/exchangeInfo →
 *   {"timezone":"UTC","serverTime":…,"rateLimits":[…],"exchangeFilters":[],"symbols":[{"symbol":"ETHBTC","status":"TRADING",
 *     "baseAsset":"ETH","baseAssetPrecision":8,"quoteAsset":"BTC",…,"isSpotTradingAllowed":true,"filters":[…],…},…]}
 * It is large and changes rarely, so it is kept a day per base URL and searched here by base asset. A coin's pair
 * against USDT stands for its USD price (as in `latest`); otherwise a pair against a real currency (EUR, TRY…).
 */
const ExchangeInfo = z.object({
  symbols: z.array(z.object({ symbol: z.string(), status: z.string(), baseAsset: z.string(), quoteAsset: z.string() }).loose()),
});
type Pair = z.infer<typeof ExchangeInfo>['symbols'][number];
const SYMBOL_LIST_TTL_MS = 86_400_000;
const symbolLists = new Map<string, { at: number; byBase: Map<string, Pair[]> }>();

/** Forgets the cached symbol lists (tests). */
export function clearBinanceSymbols(): void {
  symbolLists.clear();
}

async function pairsByBase(ctx: ProviderContext): Promise<Map<string, Pair[]>> {
  const hit = symbolLists.get(ctx.baseUrl);
  if (hit && ctx.now() - hit.at < SYMBOL_LIST_TTL_MS) return hit.byBase;
  const body = parseShape(ExchangeInfo, await getJson(ctx, { provider: 'binance', url: `${ctx.baseUrl}/api/v3/exchangeInfo`, classify }), 'binance', 'exchange info');
  const byBase = new Map<string, Pair[]>();
  for (const p of body.symbols) {
    if (p.status !== 'TRADING') continue;
    byBase.set(p.baseAsset, [...(byBase.get(p.baseAsset) ?? []), p]);
  }
  symbolLists.set(ctx.baseUrl, { at: ctx.now(), byBase });
  return byBase;
}

function quotedPair(pairs: readonly Pair[]): { pair: Pair; currency: string } | undefined {
  const usdt = pairs.find((p) => p.quoteAsset === 'USDT');
  if (usdt) return { pair: usdt, currency: 'USD' };
  const fiat = pairs.find((p) => findCurrency(p.quoteAsset));
  return fiat && { pair: fiat, currency: fiat.quoteAsset };
}

function classify(status: number, body: string): ProviderError | undefined {
  if (status !== 400) return undefined;
  try {
    const e = BinanceError.parse(JSON.parse(body));
    // -1121 invalid symbol, -1100/-1102 bad parameter: the symbol/request is unknown here, not a provider fault.
    return new ProviderError('not_found', `${e.code} ${excerpt(e.msg, 100)}`, { provider: 'binance', status });
  } catch {
    return undefined;
  }
}

function binanceSymbol(target: MarketTarget): string {
  return symbolFor(target, 'binance', () => {
    const { base, quote } = pairOf(target, 'binance');
    return `${base}${BINANCE_QUOTE_ALIASES[quote] ?? quote}`;
  });
}

export const binance: ProviderAdapter = {
  id: 'binance',
  name: 'Binance',
  assetClasses: ['crypto'],
  needsKey: false,
  capabilities: { maxRangeDays: 1000, earliestDate: '2017-07-14', intraday: true },
  // Request weight limit is 6000/min and klines cost 2; stay far below it.
  defaultRateLimit: { capacity: 10, refillPerSec: 10 },
  defaultBaseUrl: 'https://api.binance.com',

  canHandle(target: MarketTarget): boolean {
    return target.assetClass === 'crypto' && (!!target.providerSymbols?.binance || target.symbol.includes('-'));
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const { quote } = pairOf(target, this.id);
    const url = `${ctx.baseUrl}/api/v3/ticker/price?symbol=${encodeURIComponent(binanceSymbol(target))}`;
    const body = parseShape(TickerPrice, await getJson(ctx, { provider: this.id, url, classify }), this.id, 'ticker');
    return { price: decimalString(body.price), currency: quote, date: isoDateUtc(ctx.now()) };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const { quote } = pairOf(target, this.id);
    const start = dateToMs(from);
    const end = dateToMs(to) + 86_400_000 - 1;
    const url = `${ctx.baseUrl}/api/v3/klines?symbol=${encodeURIComponent(binanceSymbol(target))}&interval=1d&startTime=${start}&endTime=${end}&limit=1000`;
    const rows = parseShape(Klines, await getJson(ctx, { provider: this.id, url, classify }), this.id, 'klines');
    const bars: DailyBar[] = rows.map((k) => ({
      date: isoDateUtc(k[0]),
      open: decimalString(k[1]),
      high: decimalString(k[2]),
      low: decimalString(k[3]),
      close: decimalString(k[4]),
      volume: decimalString(k[5]),
    }));
    // A known symbol with nothing in range (before listing) is an honest empty answer, not an error.
    return { bars: finishBars(bars, from, to), currency: quote };
  },

  async search(query: string, ctx: ProviderContext): Promise<SearchHit[]> {
    const q = query.trim().toUpperCase();
    if (!/^[A-Z0-9]{1,20}$/.test(q)) return [];
    const byBase = await pairsByBase(ctx);
    const bases = [...byBase.keys()].filter((b) => b.startsWith(q)).sort((a, b) => (a === q ? -1 : b === q ? 1 : a.length - b.length || a.localeCompare(b)));
    const hits: SearchHit[] = [];
    for (const base of bases) {
      const found = quotedPair(byBase.get(base)!);
      const symbol = `${base}-${found?.currency ?? ''}`;
      if (!found || !isCatalogueSymbol(symbol)) continue;
      hits.push({ providerSymbol: found.pair.symbol, symbol, name: base, assetClass: 'crypto', type: 'Crypto', exchange: 'Binance', currency: found.currency });
      if (hits.length === 10) break;
    }
    return hits;
  },
};
