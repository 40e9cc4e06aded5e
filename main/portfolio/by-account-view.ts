import type { CashView, HoldingView, PortfolioByAccount } from '../../shared/contract/portfolio.js';
import { Dec } from '../../shared/decimal/index.js';
import { allocate } from '../../shared/portfolio/allocation.js';
import type { Valued } from './by-account.js';
import type { AccountRealized } from './closed-in-base.js';
import type { InstrumentInfo } from './load-profile.js';

const NO_RETURNS: PortfolioByAccount['returns'] = { '1M': null, '3M': null, YTD: null, '1Y': null, Max: null };

/**
 * The contract's snapshot of some accounts at the end of a day: the accounts' holdings summed by instrument (cost by
 * each account's own method), their cash by currency, totals and allocation in the base currency, and each
 * account's own part in `accounts`. The value series and returns are the live snapshot's (all accounts, to today):
 * here they are left empty.
 */
export function byAccountView(input: {
  date: string;
  ids: readonly string[];
  valued: Valued;
  /** Realized P&L per account (closed-in-base.ts). */
  realized: ReadonlyMap<string, AccountRealized>;
  instruments: ReadonlyMap<string, InstrumentInfo>;
  base: { code: string; minorUnit: number };
  minorUnit: (code: string) => number;
  method: PortfolioByAccount['method'];
  now: number;
}): PortfolioByAccount {
  const { valued, base } = input;
  const bmu = base.minorUnit;
  const held = new Map<string, { currency: string; quantity: Dec; cost: Dec; value: Dec | null; valueBase: Dec | null; costBase: Dec | null; price: string | null }>();
  const cashBy = new Map<string, { balance: Dec; valueBase: Dec | null }>();
  for (const a of valued.accounts) {
    for (const h of a.holdings) {
      const p = held.get(h.symbol) ?? { currency: h.currency, quantity: Dec.ZERO, cost: Dec.ZERO, value: Dec.ZERO, valueBase: Dec.ZERO, costBase: Dec.ZERO, price: h.price };
      p.quantity = p.quantity.plus(h.quantity);
      p.cost = p.cost.plus(h.cost);
      p.value = p.value && h.marketValue ? p.value.plus(h.marketValue) : null;
      p.valueBase = p.valueBase && h.marketValueBase ? p.valueBase.plus(h.marketValueBase) : null;
      p.costBase = p.costBase && h.costBase ? p.costBase.plus(h.costBase) : null;
      held.set(h.symbol, p);
    }
    for (const c of a.cash) {
      const p = cashBy.get(c.currency) ?? { balance: Dec.ZERO, valueBase: Dec.ZERO };
      p.balance = p.balance.plus(c.balance);
      p.valueBase = p.valueBase && c.valueBase ? p.valueBase.plus(c.valueBase) : null;
      cashBy.set(c.currency, p);
    }
  }
  // Realized P&L of the accounts asked: per year of the sale and currency, and per instrument.
  const byYear = new Map<string, { year: string; currency: string; amount: Dec }>();
  const bySymbol = new Map<string, Dec>();
  for (const id of input.ids) {
    const r = input.realized.get(id);
    if (!r) continue;
    for (const [k, row] of r.byYear) byYear.set(k, { ...row, amount: (byYear.get(k)?.amount ?? Dec.ZERO).plus(row.amount) });
    for (const [symbol, gain] of r.bySymbol) bySymbol.set(symbol, (bySymbol.get(symbol) ?? Dec.ZERO).plus(gain));
  }

  const holdings: HoldingView[] = [...held].map(([symbol, p]) => {
    const mu = input.minorUnit(p.currency);
    const info = input.instruments.get(symbol);
    return {
      symbol,
      name: info?.name ?? symbol,
      assetClass: info?.assetClass ?? 'other',
      currency: p.currency,
      quantity: p.quantity.toFixed(),
      averageCost: p.quantity.isZero() ? null : p.cost.div(p.quantity).round(10).toFixed(10),
      totalCost: p.cost.toFixed(mu),
      price: p.price,
      priceTs: null,
      priceSource: null,
      simulated: false,
      stale: false,
      marketValue: p.value?.toFixed(mu) ?? null,
      marketValueBase: p.valueBase?.toFixed(bmu) ?? null,
      unrealizedPnl: p.value ? p.value.minus(p.cost).toFixed(mu) : null,
      unrealizedPnlBase: p.valueBase && p.costBase ? p.valueBase.minus(p.costBase).toFixed(bmu) : null,
      unrealizedPnlRatio: p.value && !p.cost.isZero() ? p.value.minus(p.cost).div(p.cost).round(6).toFixed(6) : null,
      dayChange: null,
      dayChangeBase: null,
      realizedPnl: (bySymbol.get(symbol) ?? Dec.ZERO).toFixed(mu),
    };
  });
  const cash: CashView[] = [...cashBy].sort(([x], [y]) => x.localeCompare(y)).map(([currency, c]) => {
    const mu = input.minorUnit(currency);
    return { currency, balance: c.balance.toFixed(mu), reserved: Dec.ZERO.toFixed(mu), available: c.balance.toFixed(mu), valueBase: c.valueBase?.toFixed(bmu) ?? null };
  });
  const sum = (xs: (string | null)[]) => xs.reduce((t, x) => (x === null ? t : t.plus(x)), Dec.ZERO);
  const holdingsTotal = sum(valued.accounts.map((a) => a.totals.holdings));
  const cashTotal = sum(valued.accounts.map((a) => a.totals.cash));
  const unrealized = sum(holdings.map((h) => h.unrealizedPnlBase));
  const valuedHoldings = holdings.filter((h) => h.marketValueBase !== null);
  return {
    baseCurrency: base.code,
    method: input.method,
    asOf: new Date(input.now).toISOString(),
    date: input.date,
    oldestPriceTs: null,
    holdings,
    cash,
    totals: {
      value: holdingsTotal.plus(cashTotal).toFixed(bmu),
      holdings: holdingsTotal.toFixed(bmu),
      cash: cashTotal.toFixed(bmu),
      unrealizedPnl: unrealized.toFixed(bmu),
      realizedPnl: Dec.ZERO.toFixed(bmu),
      dayChange: Dec.ZERO.toFixed(bmu),
    },
    realizedByYear: [...byYear.values()].sort((x, y) => (x.year + x.currency).localeCompare(y.year + y.currency)).map((r) => ({ year: r.year, currency: r.currency, amount: r.amount.toFixed(input.minorUnit(r.currency)) })),
    allocation: {
      byAssetClass: allocate(group(valuedHoldings, (h) => h.assetClass)),
      byCurrency: allocate(group(valuedHoldings, (h) => h.currency)),
      byHolding: allocate(valuedHoldings.map((h) => ({ key: h.symbol, value: h.marketValueBase! }))),
    },
    series: [],
    returns: NO_RETURNS,
    warnings: { pricedAtTrade: [], missingFx: valued.missingFx, missingPrices: valued.missingPrices, cashMismatch: [], staleFx: [] },
    accounts: valued.accounts,
  };
}

function group(hs: readonly HoldingView[], key: (h: HoldingView) => string): { key: string; value: Dec }[] {
  const m = new Map<string, Dec>();
  for (const h of hs) m.set(key(h), (m.get(key(h)) ?? Dec.ZERO).plus(h.marketValueBase!));
  return [...m].map(([k, value]) => ({ key: k, value }));
}
