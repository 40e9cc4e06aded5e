import type { CashView, HoldingView, PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import { Dec } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
import { dayNumber, dayString } from '../../shared/portfolio/days.js';
import type { SnapshotState } from '../../shared/portfolio/performance.js';
import type { PriceTable } from '../../shared/portfolio/price-table.js';
import type { FeedPrice } from '../worker/messages.js';
import type { LoadedPrices } from './load-prices.js';
import type { InstrumentInfo, WalletInfo } from './load-profile.js';
import { liveRate, type Mark, type Marks } from './marks.js';
import type { LiveRealized, LotHoldings, OpenCosts } from './lot-costs.js';
import { todaySeries } from './today.js';
import type { TodayValuer } from './valuation.js';

/**
 * The contract's PortfolioSnapshot from a computed state, today's marks and the wallets. Cheap (O(holdings +
 * currencies), and only what changed is valued again): it runs on every request, so the figures follow the ticks
 * without recomputing the history.
 *
 * - Holdings: every instrument ever traded, by symbol; a closed one has quantity "0", no mark, and its realized P&L.
 *   Units come from the state; cost and realized P&L from the lots of every account, each by its own method.
 * - Cash: the wallets (balance, reserved by open buys, available = balance − reserved), valued at today's rate.
 * - Totals are in the base currency; realized P&L takes each closed lot's cost at the rate of its acquisition day
 *   and its proceeds and fees at the rate of its sale day (the tax-year report's rule).
 */
export interface ViewInput {
  state: SnapshotState;
  prices: LoadedPrices;
  instruments: ReadonlyMap<string, InstrumentInfo>;
  wallets: readonly WalletInfo[];
  livePrice: (symbol: string) => FeedPrice | undefined;
  marks: Marks;
  valuer: TodayValuer;
  /** Open cost per instrument (OpenCosts.of the lots book). */
  open: ReturnType<OpenCosts['of']>;
  realized: LiveRealized;
  lotHoldings: LotHoldings;
  method: PortfolioSnapshot['method'];
  minorUnit: (code: string) => number;
  today: string;
  now: number;
}

export function buildView(v: ViewInput): PortfolioSnapshot {
  const { state, prices, today } = v;
  const snap = state.snapshot;
  const base = snap.baseCurrency;
  const table = prices.table;
  const classOf = (symbol: string) => v.instruments.get(symbol)?.assetClass ?? 'other';

  const lotViews = snap.holdings.map((h) => v.lotHoldings.of(h, v.open.get(h.symbol), v.realized.bySymbol.get(h.symbol), v.minorUnit(h.currency)));
  const open: { view: (typeof snap.holdings)[number]; quantity: bigint; cost: bigint; mark: Mark }[] = [];
  for (const h of lotViews) {
    if (h.quantity === '0') continue;
    const position = state.positions.get(h.symbol)!;
    const trades = state.trades.get(h.symbol);
    const mark = v.marks.of({
      symbol: h.symbol,
      currency: h.currency,
      assetClass: classOf(h.symbol),
      live: v.livePrice(h.symbol),
      prices,
      trade: { price: position.lastPrice, date: trades?.acts[trades.acts.length - 1]?.date ?? today },
      today,
      now: v.now,
    });
    open.push({ view: h, quantity: position.quantity, cost: v.open.get(h.symbol)?.costUnits ?? 0n, mark });
  }
  const marks = new Map<string, Mark>();
  for (let i = 0; i < open.length; i++) marks.set(open[i]!.view.symbol, open[i]!.mark);
  const rates = new Map<string, bigint>();
  // Every currency of a wallet or an open holding, in that order (no spread: ~200 holdings on every request).
  const inUse = new Set<string>();
  for (let i = 0; i < v.wallets.length; i++) inUse.add(v.wallets[i]!.currency);
  for (let i = 0; i < open.length; i++) inUse.add(open[i]!.view.currency);
  for (const c of inUse) {
    if (c === base) continue;
    const r = liveRate(c, base, v.livePrice, table);
    if (r !== undefined) rates.set(c, r);
  }
  const valuation = v.valuer.value({ today, base, table, liveRates: rates, holdings: open, wallets: v.wallets, classOf, minorUnit: v.minorUnit });

  const holdings: HoldingView[] = lotViews.map((h) => {
    const m = marks.get(h.symbol);
    const val = valuation.holdings.get(h.symbol);
    return {
      symbol: h.symbol,
      name: v.instruments.get(h.symbol)?.name ?? h.symbol,
      assetClass: classOf(h.symbol),
      currency: h.currency,
      quantity: h.quantity,
      averageCost: h.averageCost,
      totalCost: h.totalCost,
      price: m?.price ?? null,
      priceTs: m?.ts ?? null,
      priceSource: m?.source ?? null,
      simulated: m?.simulated ?? false,
      stale: m?.stale ?? false,
      marketValue: val?.marketValue ?? null,
      marketValueBase: val?.marketValueBase ?? null,
      unrealizedPnl: val?.unrealizedPnl ?? null,
      unrealizedPnlBase: val?.unrealizedPnlBase ?? null,
      unrealizedPnlRatio: val?.unrealizedPnlRatio ?? null,
      dayChange: val?.dayChange ?? null,
      dayChangeBase: val?.dayChangeBase ?? null,
      realizedPnl: h.realizedPnl,
    };
  });

  const cash: CashView[] = v.wallets.map((w) => {
    const mu = v.minorUnit(w.currency);
    return {
      currency: w.currency,
      balance: w.balance,
      reserved: toMoneyString(Dec.of(w.reserved), mu),
      available: toMoneyString(Dec.of(w.balance).minus(w.reserved), mu),
      valueBase: valuation.cashBase.get(w.currency) ?? null,
    };
  });

  const live = { prices: new Map(open.filter((o) => o.mark.kind === 'live').map((o) => [o.view.symbol, o.mark.scaled])), rates };
  const { series, returns } = todaySeries(state, live);
  const missingFx = new Set([...snap.warnings.missingFx, ...valuation.missingFx, ...v.realized.missingFx]);
  const markTimes = open.map((o) => o.mark.ts);

  return {
    baseCurrency: base,
    method: v.method,
    asOf: new Date(v.now).toISOString(),
    oldestPriceTs: markTimes.length ? Math.min(...markTimes) : null,
    holdings,
    cash,
    totals: { ...valuation.totals, realizedPnl: v.realized.base.toFixed(v.minorUnit(base)) },
    realizedByYear: v.realized.byYear,
    allocation: valuation.allocation,
    series,
    returns,
    warnings: {
      pricedAtTrade: snap.warnings.pricedAtTrade,
      missingFx: [...missingFx].sort(),
      missingPrices: open.filter((o) => o.mark.kind === 'trade').map((o) => o.view.symbol),
      cashMismatch: cashMismatch(state, v.wallets),
      staleFx: staleFx(table, [...inUse], base, rates, today),
    },
  };
}

const STALE_FX_DAYS = 7;

/** Currencies valued today at a stored rate older than a week (no live rate): what it is and when it was published. */
function staleFx(table: PriceTable, currencies: readonly string[], base: string, live: ReadonlyMap<string, bigint>, today: string): { currency: string; date: string }[] {
  const out: { currency: string; date: string }[] = [];
  for (const c of [...currencies].sort()) {
    if (c === base || live.has(c)) continue;
    const days = table.fx.get(c)?.days;
    const last = days && days.length ? days[days.length - 1]! : undefined;
    if (last !== undefined && dayNumber(today) - last > STALE_FX_DAYS) out.push({ currency: c, date: dayString(last) });
  }
  return out;
}

/** Currencies whose wallet balance differs from the cash the activity log adds up to (a bookkeeping fault). */
function cashMismatch(state: SnapshotState, wallets: readonly WalletInfo[]): string[] {
  const out = new Set<string>();
  const fromLog = state.snapshot.cash;
  for (const w of wallets) if (!Dec.of(w.balance).eq(fromLog[w.currency] ?? '0')) out.add(w.currency);
  for (const [code, amount] of Object.entries(fromLog)) if (!wallets.some((w) => w.currency === code) && !Dec.of(amount).isZero()) out.add(code);
  return [...out].sort();
}
