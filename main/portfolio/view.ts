import type { CashView, HoldingView, PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import { D, toMoneyString } from '../../shared/money.js';
import { dayNumber } from '../../shared/portfolio/days.js';
import { BASE_DP, FX_DP, formatFixed, formatPlain } from '../../shared/portfolio/fixed.js';
import type { SnapshotState } from '../../shared/portfolio/performance.js';
import { fxAt } from '../../shared/portfolio/price-table.js';
import { valuePortfolio } from '../../shared/portfolio/valuation.js';
import type { FeedPrice } from '../sync/messages.js';
import type { LoadedPrices } from './load-prices.js';
import type { InstrumentInfo, WalletInfo } from './load-profile.js';
import { liveRate, markOf, type Mark } from './marks.js';
import type { RealizedInBase } from './realized.js';
import { todaySeries } from './today.js';

/**
 * The contract's PortfolioSnapshot from a computed state, today's marks and the wallets. Cheap (O(holdings +
 * currencies) plus one array copy of the series when a live price moved today's point): it runs on every request,
 * so the figures follow the ticks without recomputing the history.
 *
 * - Holdings: every instrument ever traded, by symbol; a closed one has quantity "0", no mark, and its realized P&L.
 * - Cash: the wallets (balance, reserved by open buys, available = balance − reserved), valued at today's rate.
 * - Totals are in the base currency; realized P&L converts each sell at the rate of its own date.
 */
export interface ViewInput {
  state: SnapshotState;
  prices: LoadedPrices;
  instruments: ReadonlyMap<string, InstrumentInfo>;
  wallets: readonly WalletInfo[];
  livePrice: (symbol: string) => FeedPrice | undefined;
  realized: RealizedInBase;
  minorUnit: (code: string) => number;
  today: string;
  now: number;
}

export function buildView(v: ViewInput): PortfolioSnapshot {
  const { state, prices, today } = v;
  const snap = state.snapshot;
  const base = snap.baseCurrency;
  const table = prices.table;
  const baseMu = v.minorUnit(base);
  const classOf = (symbol: string) => v.instruments.get(symbol)?.assetClass ?? 'other';

  const marks = new Map<string, Mark>();
  for (const h of snap.holdings) {
    if (h.quantity === '0') continue;
    const pos = state.positions.get(h.symbol)!;
    const trades = state.trades.get(h.symbol);
    marks.set(
      h.symbol,
      markOf({
        symbol: h.symbol,
        currency: h.currency,
        assetClass: classOf(h.symbol),
        live: v.livePrice(h.symbol),
        table,
        lastClose: prices.lastClose.get(h.symbol),
        trade: { price: pos.lastPrice, date: trades?.acts[trades.acts.length - 1]?.date ?? today },
        today,
        now: v.now,
      }),
    );
  }
  const currencies = new Set<string>([...v.wallets.map((w) => w.currency), ...snap.holdings.map((h) => h.currency)]);
  const rates = new Map<string, bigint>();
  for (const c of currencies) {
    if (c === base) continue;
    const r = liveRate(c, base, v.livePrice, table);
    if (r !== undefined) rates.set(c, r);
  }

  const todayDay = dayNumber(today);
  const suffix = `-${base}`;
  const fx = (pair: string, date: string): string | undefined => {
    if (!pair.endsWith(suffix)) return undefined;
    const c = pair.slice(0, -suffix.length);
    const r = (date === today ? rates.get(c) : undefined) ?? fxAt(table, c, date === today ? todayDay : dayNumber(date));
    return r === undefined ? undefined : formatPlain(r, FX_DP);
  };
  const cash: Record<string, string> = {};
  for (const w of v.wallets) cash[w.currency] = w.balance;
  const valuation = valuePortfolio({
    date: today,
    baseCurrency: base,
    holdings: snap.holdings.filter((h) => h.quantity !== '0'),
    cash,
    assetClassOf: classOf,
    price: (s) => marks.get(s)?.price,
    previousClose: (s) => marks.get(s)?.previousClose,
    fx,
    minorUnits: v.minorUnit,
  });
  const valued = new Map(valuation.holdings.map((h) => [h.symbol, h]));

  const holdings: HoldingView[] = snap.holdings.map((h) => {
    const m = marks.get(h.symbol);
    const val = valued.get(h.symbol);
    const info = v.instruments.get(h.symbol);
    return {
      symbol: h.symbol,
      name: info?.name ?? h.symbol,
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

  const cashBase = new Map(valuation.cash.map((c) => [c.currency, c.amountBase]));
  const cashViews: CashView[] = v.wallets.map((w) => {
    const mu = v.minorUnit(w.currency);
    return {
      currency: w.currency,
      balance: w.balance,
      reserved: toMoneyString(new D(w.reserved), mu),
      available: toMoneyString(new D(w.balance).minus(w.reserved), mu),
      valueBase: cashBase.get(w.currency) ?? null,
    };
  });

  const realized = v.realized.total(state.positions.values(), table);
  const live = { prices: new Map([...marks].filter(([, m]) => m.kind === 'live').map(([s, m]) => [s, m.scaled])), rates };
  const { series, returns } = todaySeries(state, live);
  const missingFx = new Set([...snap.warnings.missingFx, ...valuation.missing.fx, ...realized.missingFx]);
  const markTimes = [...marks.values()].map((m) => m.ts);

  return {
    baseCurrency: base,
    method: snap.method,
    asOf: new Date(v.now).toISOString(),
    oldestPriceTs: markTimes.length ? Math.min(...markTimes) : null,
    holdings,
    cash: cashViews,
    totals: {
      value: valuation.totals.totalBase,
      holdings: valuation.totals.holdingsBase,
      cash: valuation.totals.cashBase,
      unrealizedPnl: valuation.totals.unrealizedPnlBase,
      realizedPnl: formatFixed(realized.value, BASE_DP, baseMu),
      dayChange: valuation.totals.dayChangeBase,
    },
    realizedByYear: Object.entries(snap.realizedByYear).flatMap(([year, row]) => Object.entries(row).map(([currency, amount]) => ({ year, currency, amount }))),
    allocation: valuation.allocation,
    series,
    returns,
    warnings: {
      pricedAtTrade: snap.warnings.pricedAtTrade,
      missingFx: [...missingFx].sort(),
      missingPrices: [...marks].filter(([, m]) => m.kind === 'trade').map(([s]) => s),
      cashMismatch: cashMismatch(state, v.wallets),
    },
  };
}

/** Currencies whose wallet balance differs from the cash the activity log adds up to (a bookkeeping fault). */
function cashMismatch(state: SnapshotState, wallets: readonly WalletInfo[]): string[] {
  const out = new Set<string>();
  const fromLog = state.snapshot.cash;
  for (const w of wallets) if (!new D(w.balance).equals(fromLog[w.currency] ?? '0')) out.add(w.currency);
  for (const [code, amount] of Object.entries(fromLog)) if (!wallets.some((w) => w.currency === code) && !new D(amount).isZero()) out.add(code);
  return [...out].sort();
}
