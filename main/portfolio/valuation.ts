import { allocate, type AllocationEntry } from '../../shared/portfolio/allocation.js';
import type { Holding } from '../../shared/portfolio/holding-views.js';
import { dayNumber } from '../../shared/portfolio/days.js';
import { formatFixed, formatPlain, parseUnits } from '../../shared/decimal/index.js';
import { AMOUNT_DP, BASE_DP, FX_DP, PRICE_DP } from '../../shared/portfolio/scales.js';
import { fxAt, type PriceTable } from '../../shared/portfolio/price-table.js';
import { valuePortfolio, type ValuedHolding } from '../../shared/portfolio/valuation.js';
import type { WalletInfo } from './load-profile.js';
import type { Mark } from './marks.js';

/**
 * Today's point-in-time valuation, fast enough for every request. Each holding's figures come from
 * shared/portfolio/valuation.ts (valuePortfolio with that one holding), remembered per holding until its mark or
 * rates change, so a trade or a tick values one holding again, not all of them. Totals and allocations add up the
 * same products valuePortfolio adds (quantity × mark × rate, cost, previous close × the previous day's rate, wallet
 * balance × rate), exactly in scaled integers, each rounded once, half-even at the base currency's minor unit.
 */
export interface TodayInput {
  today: string;
  base: string;
  table: PriceTable;
  /** Live rates for today (scale 10^18) that win over the table's. */
  liveRates: ReadonlyMap<string, bigint>;
  /**
   * Open holdings only, with their marks, units (scale 10^18) and cost (scale 10^28). A holding's figures are
   * remembered per `view` object: a new one is made whenever its units or cost change.
   */
  holdings: readonly { view: Holding; quantity: bigint; cost: bigint; mark: Mark }[];
  wallets: readonly WalletInfo[];
  classOf: (symbol: string) => string;
  minorUnit: (code: string) => number;
}

export interface TodayValuation {
  holdings: Map<string, ValuedHolding>;
  cashBase: Map<string, string | null>;
  totals: { holdings: string; cash: string; value: string; unrealizedPnl: string; dayChange: string };
  allocation: { byAssetClass: AllocationEntry[]; byCurrency: AllocationEntry[]; byHolding: AllocationEntry[] };
  missingFx: string[];
}

interface Memo {
  /** What the figures were computed from: the mark's price and previous close, the rates' texts. */
  price: string;
  previousClose: string | undefined;
  rateKey: string;
  valued: ValuedHolding;
  missingFx: string[];
  /** The holding's exact contributions to the totals (scale 10^46; dayChange null without a previous close or rate). */
  valueBase: bigint | null;
  unrealizedBase: bigint;
  dayChangeBase: bigint | null;
  /** valueBase at the base currency's minor unit, for the allocation by holding. */
  valueText: string;
}

export class TodayValuer {
  private memo = new WeakMap<Holding, Memo>();
  /** allocate() goes over every entry: only again when some entry moved (compared field by field, no key text). */
  private allocations = new Map<string, { entries: { key: string; value: string }[]; out: AllocationEntry[] }>();

  private allocate(name: string, entries: { key: string; value: string }[]): AllocationEntry[] {
    const hit = this.allocations.get(name);
    if (hit && sameEntries(hit.entries, entries)) return hit.out;
    const out = allocate(entries);
    this.allocations.set(name, { entries, out });
    return out;
  }

  value(v: TodayInput): TodayValuation {
    const todayDay = dayNumber(v.today);
    const rate = (c: string, day: number): bigint | undefined => (day === todayDay ? v.liveRates.get(c) : undefined) ?? fxAt(v.table, c, day);
    const text = (r: bigint | undefined) => (r === undefined ? undefined : formatPlain(r, FX_DP));
    const suffix = `-${v.base}`;
    const lookup = (pair: string, date: string) => (pair.endsWith(suffix) ? text(rate(pair.slice(0, -suffix.length), date === v.today ? todayDay : dayNumber(date))) : undefined);
    const baseMu = v.minorUnit(v.base);
    const money = (x: bigint) => formatFixed(x, BASE_DP, baseMu);

    const holdings = new Map<string, ValuedHolding>();
    const missingFx = new Set<string>();
    let total = 0n;
    let unrealized = 0n;
    let dayChange = 0n;
    const byClass = new Map<string, bigint>();
    const byCurrency = new Map<string, bigint>();
    const byHolding: { key: string; value: string }[] = [];
    const add = (m: Map<string, bigint>, k: string, x: bigint) => m.set(k, (m.get(k) ?? 0n) + x);

    // Each currency's rates of today and the day before, and their texts (the memo key), once per request.
    const rates = new Map<string, { now: bigint | undefined; prev: bigint | undefined; key: string }>();
    const ratesOf = (c: string) => {
      let r = rates.get(c);
      if (!r) {
        const now = rate(c, todayDay);
        const prev = rate(c, todayDay - 1);
        rates.set(c, (r = { now, prev, key: `${text(now) ?? ''}|${text(prev) ?? ''}` }));
      }
      return r;
    };
    for (const { view, quantity, cost, mark } of v.holdings) {
      const { now, prev, key: rateKey } = ratesOf(view.currency);
      let memo = this.memo.get(view);
      if (!memo || memo.price !== mark.price || memo.previousClose !== mark.previousClose || memo.rateKey !== rateKey) {
        const one = valuePortfolio({
          date: v.today,
          baseCurrency: v.base,
          holdings: [view],
          cash: {},
          assetClassOf: v.classOf,
          price: () => mark.price,
          previousClose: () => mark.previousClose,
          fx: lookup,
          minorUnits: v.minorUnit,
        });
        // The view object is new whenever its units or cost change, so these stay valid with the key.
        const local = quantity * mark.scaled; // scale 10^28, like the position's cost
        const valueBase = now === undefined ? null : local * now;
        const pc = mark.previousClose === undefined ? undefined : parseUnits(mark.previousClose, PRICE_DP);
        memo = {
          price: mark.price,
          previousClose: mark.previousClose,
          rateKey,
          valued: one.holdings[0]!,
          missingFx: one.missing.fx,
          valueBase,
          unrealizedBase: now === undefined ? 0n : (local - cost) * now,
          dayChangeBase: valueBase !== null && pc !== undefined && prev !== undefined ? valueBase - quantity * pc * prev : null,
          valueText: valueBase === null ? '' : money(valueBase),
        };
        this.memo.set(view, memo);
      }
      holdings.set(view.symbol, memo.valued);
      for (const c of memo.missingFx) missingFx.add(c);
      const valueBase = memo.valueBase;
      if (valueBase === null) continue;
      total += valueBase;
      unrealized += memo.unrealizedBase;
      if (memo.dayChangeBase !== null) dayChange += memo.dayChangeBase;
      add(byClass, v.classOf(view.symbol), valueBase);
      add(byCurrency, view.currency, valueBase);
      byHolding.push({ key: view.symbol, value: memo.valueText });
    }

    let cash = 0n;
    const cashBase = new Map<string, string | null>();
    for (const w of v.wallets) {
      const r = rate(w.currency, todayDay);
      const amount = parseUnits(w.balance, AMOUNT_DP);
      if (r === undefined || amount === undefined) {
        cashBase.set(w.currency, null);
        if (r === undefined) missingFx.add(w.currency);
        continue;
      }
      const b = amount * r;
      cash += b;
      cashBase.set(w.currency, money(b));
      add(byClass, 'cash', b);
      add(byCurrency, w.currency, b);
    }

    const entries = (m: Map<string, bigint>) => [...m].map(([key, x]) => ({ key, value: money(x) }));
    return {
      holdings,
      cashBase,
      totals: { holdings: money(total), cash: money(cash), value: money(total + cash), unrealizedPnl: money(unrealized), dayChange: money(dayChange) },
      allocation: { byAssetClass: this.allocate('class', entries(byClass)), byCurrency: this.allocate('currency', entries(byCurrency)), byHolding: this.allocate('holding', byHolding) },
      missingFx: [...missingFx],
    };
  }
}

function sameEntries(a: readonly { key: string; value: string }[], b: readonly { key: string; value: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.key !== b[i]!.key || a[i]!.value !== b[i]!.value) return false;
  return true;
}
