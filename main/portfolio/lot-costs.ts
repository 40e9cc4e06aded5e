import type { PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import { Dec, rescale } from '../../shared/decimal/index.js';
import type { LotBook } from '../../shared/lots/index.js';
import type { Holding } from '../../shared/portfolio/holding-views.js';
import { AMOUNT_DP } from '../../shared/portfolio/scales.js';
import type { AccountRealized } from './closed-in-base.js';

/**
 * The live snapshot's cost and realized figures, from the lots book (main/lots/): each instrument's open lots summed
 * over every account, each account's lots by its own cost-basis method, and the lots closed so far. The replay of
 * shared/portfolio/performance.ts gives the units held and the value series; its own cost figures are not shown,
 * so that the Portfolio with all accounts and the same accounts asked by name agree (docs/design.md#lots).
 */

/** Units and cost of one instrument's open lots, summed over every account. */
interface OpenCost {
  quantity: Dec;
  cost: Dec;
  /** `cost` at the engine's amount scale (10^28), for today's valuation (main/portfolio/valuation.ts). */
  costUnits: bigint;
}

/**
 * Every instrument's open cost, kept per book and brought up to date by the instruments the events since the last
 * call changed (LotBook.changedSince): a trade sums one instrument's lots again, not all of them.
 */
export class OpenCosts {
  private book: LotBook | null = null;
  private mark = -1;
  private readonly bySymbol = new Map<string, OpenCost>();

  of(book: LotBook): ReadonlyMap<string, OpenCost> {
    if (book !== this.book) {
      this.bySymbol.clear();
      for (const h of book.holdings()) this.add(h.symbol, h.quantity, h.cost);
    } else if (book.mark !== this.mark) {
      for (const symbol of book.changedSince(this.mark)) {
        this.bySymbol.delete(symbol);
        for (const h of book.holdings(symbol)) this.add(symbol, h.quantity, h.cost);
      }
    }
    this.book = book;
    this.mark = book.mark;
    return this.bySymbol;
  }

  private add(symbol: string, quantity: Dec, cost: Dec): void {
    const was = this.bySymbol.get(symbol);
    const q = was ? was.quantity.plus(quantity) : quantity;
    const c = was ? was.cost.plus(cost) : cost;
    this.bySymbol.set(symbol, { quantity: q, cost: c, costUnits: rescale(c.n, c.s, AMOUNT_DP) });
  }
}

/** Realized P&L of every account together: per instrument (by its current symbol), per year and currency, in base. */
export interface LiveRealized {
  /** In the base currency: each closed lot's cost at its acquisition day's rate, proceeds and fees at the sale's. */
  base: Dec;
  /** Currencies of closed lots without a rate on one of their days (left out of `base`). */
  missingFx: string[];
  bySymbol: ReadonlyMap<string, Dec>;
  byYear: PortfolioSnapshot['realizedByYear'];
}

/**
 * Sums the accounts' realized figures (closed-in-base.ts), a closed lot's symbol taken to the instrument's current
 * one. An instrument's figure equal to the one in `previous` is that same object (see LotHoldings).
 */
export function liveRealized(sums: ReadonlyMap<string, AccountRealized>, book: LotBook, minorUnit: (code: string) => number, previous?: LiveRealized): LiveRealized {
  let base = Dec.ZERO;
  const missing = new Set<string>();
  const bySymbol = new Map<string, Dec>();
  const byYear = new Map<string, { year: string; currency: string; amount: Dec }>();
  for (const s of sums.values()) {
    base = base.plus(s.gain);
    for (const c of s.missingFx) missing.add(c);
    for (const [symbol, gain] of s.bySymbol) {
      const now = book.currentSymbol(symbol);
      bySymbol.set(now, (bySymbol.get(now) ?? Dec.ZERO).plus(gain));
    }
    for (const [k, row] of s.byYear) byYear.set(k, { ...row, amount: (byYear.get(k)?.amount ?? Dec.ZERO).plus(row.amount) });
  }
  if (previous) {
    for (const [symbol, gain] of bySymbol) {
      const was = previous.bySymbol.get(symbol);
      if (was !== undefined && was.eq(gain)) bySymbol.set(symbol, was);
    }
  }
  return {
    base,
    missingFx: [...missing].sort(),
    bySymbol,
    byYear: [...byYear.values()]
      .sort((x, y) => (x.year === y.year ? x.currency.localeCompare(y.currency) : x.year.localeCompare(y.year)))
      .map((r) => ({ year: r.year, currency: r.currency, amount: r.amount.toFixed(minorUnit(r.currency)) })),
  };
}

/**
 * The engine's holding with the lots' figures: cost, average cost and realized P&L. The same object for the same
 * inputs, so that today's valuation, which remembers its figures per holding object, values again only what changed.
 */
export class LotHoldings {
  private memo = new WeakMap<Holding, { open: OpenCost | undefined; realized: Dec | undefined; view: Holding }>();

  of(h: Holding, open: OpenCost | undefined, realized: Dec | undefined, minorUnit: number): Holding {
    const hit = this.memo.get(h);
    if (hit && hit.open === open && hit.realized === realized) return hit.view;
    const cost = open?.cost ?? Dec.ZERO;
    const quantity = open?.quantity ?? Dec.ZERO;
    const view: Holding = {
      symbol: h.symbol,
      currency: h.currency,
      quantity: h.quantity,
      totalCost: cost.toFixed(minorUnit),
      averageCost: quantity.isZero() ? null : cost.div(quantity).round(10).toFixed(10),
      realizedPnl: (realized ?? Dec.ZERO).toFixed(minorUnit),
    };
    this.memo.set(h, { open, realized, view });
    return view;
  }
}

/** The cost-basis method the snapshot's figures follow: the accounts' one when they share it, else `mixed`. */
export function methodOf(accounts: readonly { cost_method: string }[]): PortfolioSnapshot['method'] {
  const methods = new Set(accounts.map((a) => a.cost_method));
  if (methods.size !== 1) return methods.size === 0 ? 'fifo' : 'mixed';
  return [...methods][0] as PortfolioSnapshot['method'];
}
