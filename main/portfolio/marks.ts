import { isoDate } from '../../shared/fx.js';
import { STALE_AFTER_MS } from '../../shared/market.js';
import { dayNumber } from '../../shared/portfolio/days.js';
import { divRound, formatPlain, parseUnitsRounded, pow10 } from '../../shared/decimal/index.js';
import { FX_DP, PRICE_DP } from '../../shared/portfolio/scales.js';
import { indexAt, type PriceTable } from '../../shared/portfolio/price-table.js';
import type { FeedPrice } from '../worker/messages.js';
import type { LoadedPrices } from './load-prices.js';

/**
 * The mark of a holding today: the live price when the feed has one in the holding's currency that is not older
 * than the last stored close; else the last stored close (its source named, stale once older than the asset class
 * allows); else, when no close was ever stored, the price of the latest trade (source "trade", always stale).
 * Prices are rounded half-even to 10 fraction digits (the portfolio engine's price scale) once, here, so the
 * point-in-time view and today's point of the value series use the same number.
 */
export interface Mark {
  kind: 'live' | 'close' | 'trade';
  /** Plain decimal, in the holding's currency. */
  price: string;
  /** Scale 10^10. */
  scaled: bigint;
  /** ms since the epoch: the tick's source time, or midnight UTC of the close's (or trade's) date. */
  ts: number;
  source: string;
  simulated: boolean;
  stale: boolean;
  /** The last close before the mark's day, for the day change. */
  previousClose?: string;
}

/** A stored close older than this many days is stale: a long weekend for stocks, two days for crypto (it trades daily). */
export const STALE_CLOSE_DAYS: Record<string, number> = { crypto: 2, stock: 4 };
const DEFAULT_STALE_DAYS = 4;

const dayMs = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);

export interface MarkInput {
  symbol: string;
  currency: string;
  assetClass: string;
  live: FeedPrice | undefined;
  prices: LoadedPrices;
  /** The latest trade's price (scale 10^10) and date, the fallback of last resort. */
  trade: { price: bigint; date: string };
  today: string;
  /** ms since the epoch: a tick not received within the asset class's window (shared/market.ts) is stale. */
  now: number;
}

/**
 * Marks per request; the stored-close (and trade-price) marks are remembered per price table, symbol and day, so
 * a request formats only the live ones.
 */
export class Marks {
  /** Per price table and symbol, the stored mark with what it was made from (compared field by field, no key text). */
  private stored = new WeakMap<LoadedPrices, Map<string, { mark: Mark; today: string; price: bigint; date: string; assetClass: string }>>();

  of(m: MarkInput): Mark {
    const last = m.prices.lastClose.get(m.symbol);
    const live = m.live && m.live.currency === m.currency ? parseUnitsRounded(m.live.price, PRICE_DP) : undefined;
    const liveDay = m.live ? isoDate(m.live.ts) : '';
    if (live !== undefined && live > 0n && (!last || liveDay >= last.date)) {
      return {
        kind: 'live',
        price: formatPlain(live, PRICE_DP),
        scaled: live,
        ts: m.live!.ts,
        source: m.live!.source,
        simulated: m.live!.simulated === true,
        stale: m.live!.stale || m.now - m.live!.receivedAt > (STALE_AFTER_MS[m.assetClass as keyof typeof STALE_AFTER_MS] ?? STALE_AFTER_MS.stock),
        previousClose: closeBefore(m.prices.table, m.symbol, liveDay),
      };
    }
    let perTable = this.stored.get(m.prices);
    if (!perTable) this.stored.set(m.prices, (perTable = new Map()));
    const hit = perTable.get(m.symbol);
    if (hit && hit.today === m.today && hit.price === m.trade.price && hit.date === m.trade.date && hit.assetClass === m.assetClass) return hit.mark;
    const mark = storedMark(m);
    perTable.set(m.symbol, { mark, today: m.today, price: m.trade.price, date: m.trade.date, assetClass: m.assetClass });
    return mark;
  }
}

function storedMark(m: MarkInput): Mark {
  const table = m.prices.table;
  const last = m.prices.lastClose.get(m.symbol);
  const series = table.prices.get(m.symbol);
  const at = series ? indexAt(series, dayNumber(m.today)) : -1;
  if (at >= 0 && last) {
    const age = dayNumber(m.today) - dayNumber(last.date);
    return {
      kind: 'close',
      price: formatPlain(series!.values[at]!, PRICE_DP),
      scaled: series!.values[at]!,
      ts: dayMs(last.date),
      source: last.source,
      simulated: false,
      stale: age > (STALE_CLOSE_DAYS[m.assetClass] ?? DEFAULT_STALE_DAYS),
      previousClose: closeBefore(table, m.symbol, last.date),
    };
  }
  return { kind: 'trade', price: formatPlain(m.trade.price, PRICE_DP), scaled: m.trade.price, ts: dayMs(m.trade.date), source: 'trade', simulated: false, stale: true };
}

function closeBefore(table: PriceTable, symbol: string, date: string): string | undefined {
  const s = table.prices.get(symbol);
  const i = s ? indexAt(s, dayNumber(date) - 1) : -1;
  return i < 0 ? undefined : formatPlain(s!.values[i]!, PRICE_DP);
}

/**
 * Today's rate of a currency from the feed (`CUR-BASE`, or `BASE-CUR` inverted), scale 10^18, when it is a market
 * price (never a simulated one: cash carries no "simulated" flag on the screen) and not older than the last stored
 * rate; undefined otherwise.
 */
export function liveRate(
  currency: string,
  base: string,
  livePrice: (symbol: string) => FeedPrice | undefined,
  table: PriceTable,
): bigint | undefined {
  const series = table.fx.get(currency);
  const lastDay = series && series.days.length ? series.days[series.days.length - 1]! : -Infinity;
  const usable = (p: FeedPrice | undefined) => p !== undefined && !p.simulated && dayNumber(isoDate(p.ts)) >= lastDay;
  const direct = livePrice(`${currency}-${base}`);
  if (usable(direct) && direct!.currency === base) {
    const v = parseUnitsRounded(direct!.price, FX_DP);
    if (v !== undefined && v > 0n) return v;
  }
  const reverse = livePrice(`${base}-${currency}`);
  if (usable(reverse) && reverse!.currency === currency) {
    const v = parseUnitsRounded(reverse!.price, FX_DP);
    // 1 / v at scale 10^18, half-even.
    if (v !== undefined && v > 0n) return divRound(pow10(2 * FX_DP), v);
  }
  return undefined;
}
