import { Dec } from '../decimal/index.js';
import { toMoneyString } from '../money.js';
import { isoMinorUnits, type MinorUnits } from './activity.js';
import { addDays } from '../fx.js';
import { allocate, type AllocationEntry } from './allocation.js';

/**
 * A point-in-time valuation: market value in the instrument's currency and the base currency,
 * unrealized P&L, day change against the previous close, cash per currency, and allocations.
 *
 * Prices and rates come from lookups the caller passes; they are always asked for the valuation date itself, so a
 * valuation of a past date uses that date's close and that date's FX rate, never today's. The lookups
 * are expected to carry the last published value forward over weekends and holidays (shared/fx.ts fillForward).
 * Anything a lookup cannot answer is reported in `missing` and left out of the totals rather than guessed.
 *
 * Rounding: amounts are computed exactly and rounded once, half-even at the currency's minor unit (shared/decimal/round.ts).
 */
export type Lookup = (key: string, date: string) => string | undefined;

export interface ValuationInput {
  date: string;
  baseCurrency: string;
  holdings: readonly { symbol: string; currency: string; quantity: string; totalCost: string }[];
  /** Cash per currency (decimal strings, may be negative). */
  cash: Readonly<Record<string, string>>;
  /** Asset class per symbol ('stock', 'crypto', 'fund', …); 'other' when unknown. Cash is its own class, "cash". */
  assetClassOf?: (symbol: string) => string | undefined;
  /** Close (or live price) of a symbol on a date, in the instrument's currency. */
  price: Lookup;
  /** The previous close; by default price(symbol, date − 1 day), i.e. the last close before the date. */
  previousClose?: Lookup;
  /** FX rate for a `BASE-QUOTE` pair on a date: units of QUOTE per one BASE (the feed's convention, e.g. EUR-USD). */
  fx: Lookup;
  minorUnits?: MinorUnits;
  /** Digits of the allocation weights (default 6: 0.000001 = 0.0001 %). */
  weightDecimals?: number;
}

export interface ValuedHolding {
  symbol: string;
  currency: string;
  assetClass: string;
  quantity: string;
  price: string | null;
  previousClose: string | null;
  marketValue: string | null;
  marketValueBase: string | null;
  totalCost: string;
  unrealizedPnl: string | null;
  /** Local unrealized P&L at the valuation date's rate (FX effects on the cost are not split out). */
  unrealizedPnlBase: string | null;
  /** unrealizedPnl / totalCost, 6 digits; null when there is no cost. */
  unrealizedPnlRatio: string | null;
  dayChange: string | null;
  dayChangeBase: string | null;
}

export interface Valuation {
  date: string;
  baseCurrency: string;
  holdings: ValuedHolding[];
  cash: { currency: string; amount: string; amountBase: string | null }[];
  totals: { holdingsBase: string; cashBase: string; totalBase: string; unrealizedPnlBase: string; dayChangeBase: string };
  allocation: { byAssetClass: AllocationEntry[]; byCurrency: AllocationEntry[]; byHolding: AllocationEntry[] };
  missing: { prices: string[]; fx: string[] };
}

/** Units of `base` per one unit of `currency` on `date`: the direct pair, else the inverse of the reverse pair. */
export function rateToBase(fx: Lookup, currency: string, base: string, date: string): Dec | undefined {
  if (currency === base) return Dec.ONE;
  const direct = fx(`${currency}-${base}`, date);
  if (direct !== undefined) return Dec.of(direct);
  const reverse = fx(`${base}-${currency}`, date);
  return reverse !== undefined && !Dec.of(reverse).isZero() ? Dec.ONE.div(reverse) : undefined;
}

export function valuePortfolio(input: ValuationInput): Valuation {
  const mus = input.minorUnits ?? isoMinorUnits;
  const mu = (code: string) => mus(code) ?? 2;
  const base = input.baseCurrency;
  const baseMu = mu(base);
  const date = input.date;
  const prevDate = addDays(date, -1);
  const previous = input.previousClose ?? ((symbol: string) => input.price(symbol, prevDate));
  const classOf = (s: string) => input.assetClassOf?.(s) ?? 'other';
  const missingPrices = new Set<string>();
  const missingFx = new Set<string>();
  const rates = new Map<string, Dec | undefined>();
  const rate = (currency: string, on: string) => {
    const k = `${currency}@${on}`;
    if (!rates.has(k)) rates.set(k, rateToBase(input.fx, currency, base, on));
    const r = rates.get(k);
    if (r === undefined && on === date) missingFx.add(currency);
    return r;
  };
  const money = (v: Dec | undefined, m: number) => (v === undefined ? null : toMoneyString(v, m));

  let holdingsBase = Dec.ZERO;
  let unrealizedBase = Dec.ZERO;
  let dayChangeBase = Dec.ZERO;
  const byClass = new Map<string, Dec>();
  const byCurrency = new Map<string, Dec>();
  const byHolding: { key: string; value: Dec }[] = [];
  const add = (m: Map<string, Dec>, k: string, v: Dec) => m.set(k, (m.get(k) ?? Dec.ZERO).plus(v));

  const holdings: ValuedHolding[] = [];
  for (const h of [...input.holdings].sort((a, b) => a.symbol.localeCompare(b.symbol))) {
    const qty = Dec.of(h.quantity);
    if (qty.isZero()) continue;
    const m = mu(h.currency);
    const p = input.price(h.symbol, date);
    const pc = previous(h.symbol, date);
    if (p === undefined) missingPrices.add(h.symbol);
    const fxNow = rate(h.currency, date);
    const fxPrev = rate(h.currency, prevDate);
    const value = p === undefined ? undefined : qty.times(p);
    const valueBase = value && fxNow ? value.times(fxNow) : undefined;
    const cost = Dec.of(h.totalCost);
    const unrealized = value?.minus(cost);
    const unrealizedB = unrealized && fxNow ? unrealized.times(fxNow) : undefined;
    const dayChange = value && pc !== undefined ? value.minus(qty.times(pc)) : undefined;
    const dayChangeB = valueBase && pc !== undefined && fxPrev ? valueBase.minus(qty.times(pc).times(fxPrev)) : undefined;
    const cls = classOf(h.symbol);
    if (valueBase) {
      holdingsBase = holdingsBase.plus(valueBase);
      add(byClass, cls, valueBase);
      add(byCurrency, h.currency, valueBase);
      byHolding.push({ key: h.symbol, value: valueBase });
    }
    if (unrealizedB) unrealizedBase = unrealizedBase.plus(unrealizedB);
    if (dayChangeB) dayChangeBase = dayChangeBase.plus(dayChangeB);
    holdings.push({
      symbol: h.symbol,
      currency: h.currency,
      assetClass: cls,
      quantity: h.quantity,
      price: p ?? null,
      previousClose: pc ?? null,
      marketValue: money(value, m),
      marketValueBase: money(valueBase, baseMu),
      totalCost: h.totalCost,
      unrealizedPnl: money(unrealized, m),
      unrealizedPnlBase: money(unrealizedB, baseMu),
      unrealizedPnlRatio: unrealized && !cost.isZero() ? unrealized.div(cost).toFixed(6) : null,
      dayChange: money(dayChange, m),
      dayChangeBase: money(dayChangeB, baseMu),
    });
  }

  let cashBase = Dec.ZERO;
  const cash = Object.keys(input.cash)
    .sort()
    .map((currency) => {
      const amount = Dec.of(input.cash[currency]!);
      const r = rate(currency, date);
      const amountBase = r ? amount.times(r) : undefined;
      if (amountBase) {
        cashBase = cashBase.plus(amountBase);
        add(byClass, 'cash', amountBase);
        add(byCurrency, currency, amountBase);
      }
      return { currency, amount: toMoneyString(amount, mu(currency)), amountBase: money(amountBase, baseMu) };
    });

  const w = input.weightDecimals ?? 6;
  const entries = (m: Map<string, Dec>) => [...m].map(([key, value]) => ({ key, value: toMoneyString(value, baseMu) }));
  return {
    date,
    baseCurrency: base,
    holdings,
    cash,
    totals: {
      holdingsBase: toMoneyString(holdingsBase, baseMu),
      cashBase: toMoneyString(cashBase, baseMu),
      totalBase: toMoneyString(holdingsBase.plus(cashBase), baseMu),
      unrealizedPnlBase: toMoneyString(unrealizedBase, baseMu),
      dayChangeBase: toMoneyString(dayChangeBase, baseMu),
    },
    allocation: {
      byAssetClass: allocate(entries(byClass), w),
      byCurrency: allocate(entries(byCurrency), w),
      byHolding: allocate(byHolding.map((h) => ({ key: h.key, value: toMoneyString(h.value, baseMu) })), w),
    },
    missing: { prices: [...missingPrices].sort(), fx: [...missingFx].sort() },
  };
}
