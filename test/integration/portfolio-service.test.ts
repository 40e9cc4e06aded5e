import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/contract/settings.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { Dec } from '../../shared/decimal/index.js';
import { valuePortfolio } from '../../shared/portfolio/valuation.js';
import { LotsService } from '../../main/lots/service.js';
import { MARKET_CHECK_MS, PortfolioService, type PortfolioDeps } from '../../main/portfolio/service.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import type { FeedPrice } from '../../main/worker/messages.js';
import { testKey } from '../support/db-key.js';

/**
 * The portfolio service on real SQLite files (a profile database and a market database in a temp folder), rows
 * written with plain SQL, figures checked against hand computations written out next to each expectation.
 */
interface Row {
  type: string;
  date: string;
  currency: string;
  amount: string;
  symbol?: string;
  quantity?: string;
  price?: string;
  fee?: string;
  toCurrency?: string;
  toAmount?: string;
}

let dir: string;
let profile: Store;
let market: Store;
let seq = 0;
let settings: Settings;
let today: string;
let now: number;
let live: Map<string, FeedPrice>;

const sql = (store: Store, text: string, ...args: unknown[]) => store.writer.write((db) => db.prepare(text).run(...args));

async function activity(r: Row): Promise<void> {
  await sql(
    profile,
    `INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?)`,
    `act-${++seq}`,
    r.type,
    r.date,
    r.symbol ?? null,
    r.quantity ?? null,
    r.price ?? null,
    r.fee ?? null,
    r.currency,
    r.amount,
    r.toCurrency ?? null,
    r.toAmount ?? null,
    `${r.date}T12:00:00.000Z`,
  );
}

const wallet = (currency: string, balance: string, reserved = '0') =>
  sql(profile, `INSERT INTO wallets (currency, balance, reserved, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x') ON CONFLICT(account_id, currency) DO UPDATE SET balance = excluded.balance, reserved = excluded.reserved`, currency, balance, reserved);
const instrument = (symbol: string, name: string, assetClass: string, currency: string) =>
  sql(profile, `INSERT INTO instruments (symbol, name, asset_class, quote_currency, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')`, symbol, name, assetClass, currency);
const bar = (symbol: string, date: string, close: string, source = 'yahoo', currency = 'USD') =>
  sql(market, `INSERT OR REPLACE INTO daily_bars (symbol, date, source, currency, close) VALUES (?, ?, ?, ?, ?)`, symbol, date, source, currency, close);
const rate = (base: string, quote: string, date: string, value: string, source = 'frankfurter') =>
  sql(market, `INSERT OR REPLACE INTO fx_rates (base, quote, date, source, rate) VALUES (?, ?, ?, ?, ?)`, base, quote, date, source, value);

function service(extra: Partial<PortfolioDeps> = {}): PortfolioService {
  return new PortfolioService({
    profile,
    market,
    livePrice: (s) => live.get(s),
    settings: () => settings,
    today: () => today,
    now: () => now,
    fxPriority: () => ['frankfurter', 'ecb'],
    barPriority: () => ['yahoo', 'csv'],
    ...extra,
  });
}

async function snap(s: PortfolioService): Promise<PortfolioSnapshot> {
  const v = await s.snapshot();
  return PortfolioSnapshot.parse(v); // the contract's own schema, as dispatch would check it
}

const holding = (v: PortfolioSnapshot, symbol: string) => v.holdings.find((h) => h.symbol === symbol)!;
const point = (v: PortfolioSnapshot, date: string) => v.series.find((p) => p.date === date);
const weightSum = (rows: { weight: string }[]) => rows.reduce((t, r) => t.plus(r.weight), new D(0)).toFixed();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-portfolio-'));
  profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
  market = await openMarketStore(join(dir, 'market.db'));
  settings = { ...DEFAULT_SETTINGS, baseCurrency: 'USD', costMethod: 'fifo' };
  today = '2024-03-08';
  now = Date.parse('2024-03-08T15:00:00Z');
  live = new Map();
  seq = 0;
});

afterEach(async () => {
  await profile.close();
  await market.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * USD base. AAPL (USD): buy 10 @ 100 fee 1 (03-01), buy 10 @ 120 fee 1 (03-04), sell 5 @ 130 fee 1 (03-05).
 * SAP (EUR): buy 2 @ 170 (03-04). Deposits 10,000 USD and 1,000 EUR on 03-01. Today is Friday 2024-03-08.
 */
async function scenario(): Promise<void> {
  await instrument('AAPL', 'Apple Inc.', 'stock', 'USD');
  await instrument('SAP', 'SAP SE', 'stock', 'EUR');
  await activity({ type: 'deposit', date: '2024-03-01', currency: 'USD', amount: '10000.00' });
  await activity({ type: 'deposit', date: '2024-03-01', currency: 'EUR', amount: '1000.00' });
  await activity({ type: 'buy', date: '2024-03-01', symbol: 'AAPL', quantity: '10', price: '100', fee: '1.00', currency: 'USD', amount: '1001.00' });
  await activity({ type: 'buy', date: '2024-03-04', symbol: 'AAPL', quantity: '10', price: '120', fee: '1.00', currency: 'USD', amount: '1201.00' });
  await activity({ type: 'buy', date: '2024-03-04', symbol: 'SAP', quantity: '2', price: '170', fee: '0', currency: 'EUR', amount: '340.00' });
  await activity({ type: 'sell', date: '2024-03-05', symbol: 'AAPL', quantity: '5', price: '130', fee: '1.00', currency: 'USD', amount: '649.00' });
  // 10000 − 1001 − 1201 + 649 = 8447; 1000 − 340 = 660.
  await wallet('USD', '8447.00');
  await wallet('EUR', '660.00');
  for (const [d, c] of [['2024-03-01', '100'], ['2024-03-04', '118'], ['2024-03-05', '125'], ['2024-03-06', '130'], ['2024-03-07', '128']] as const) await bar('AAPL', d, c);
  await bar('AAPL', '2024-03-07', '127', 'csv'); // a second source for the same day: the priority list puts yahoo first
  await bar('SAP', '2024-03-04', '171', 'yahoo', 'EUR');
  await bar('SAP', '2024-03-07', '175', 'yahoo', 'EUR');
  await bar('SAP', '2024-03-08', '9999', 'yahoo', 'USD'); // not in the instrument's currency: never used
  // EUR-USD as the ECB publishes it (no weekend rates); a second source on 03-07 that the priority ranks lower.
  for (const [d, r] of [['2024-03-01', '1.08'], ['2024-03-04', '1.09'], ['2024-03-05', '1.10'], ['2024-03-06', '1.085'], ['2024-03-07', '1.095']] as const) await rate('EUR', 'USD', d, r);
  await rate('EUR', 'USD', '2024-03-07', '1.2', 'ecb');
}

describe('portfolio service on real SQLite', () => {
  it('values holdings, cash and totals by hand-checked figures (FIFO)', async () => {
    await scenario();
    const v = await snap(service());
    expect(v.baseCurrency).toBe('USD');
    expect(v.method).toBe('fifo');

    const aapl = holding(v, 'AAPL');
    // FIFO: the sell releases half of the first lot: 1001 × 5/10 = 500.50; left 500.50 + 1201 = 1701.50 for 15.
    expect(aapl).toMatchObject({ name: 'Apple Inc.', assetClass: 'stock', currency: 'USD', quantity: '15', totalCost: '1701.50', averageCost: '113.4333333333' });
    // Mark: the 03-07 close of the preferred source (yahoo 128, not csv 127), one day old.
    expect(aapl).toMatchObject({ price: '128', priceSource: 'yahoo', stale: false, simulated: false, priceTs: Date.parse('2024-03-07T00:00:00Z') });
    // 15 × 128 = 1920; − 1701.50 = 218.50; 218.5 / 1701.5 = 0.1284161...; day change 15 × (128 − 130) = −30.
    expect(aapl).toMatchObject({ marketValue: '1920.00', marketValueBase: '1920.00', unrealizedPnl: '218.50', unrealizedPnlBase: '218.50', unrealizedPnlRatio: '0.128416', dayChange: '-30.00', dayChangeBase: '-30.00' });
    // Proceeds 5 × 130 − 1 = 649; − 500.50 = 148.50.
    expect(aapl.realizedPnl).toBe('148.50');

    const sap = holding(v, 'SAP');
    // 2 × 175 = 350 EUR at the 03-07 frankfurter rate 1.095 = 383.25 USD; unrealized 350 − 340 = 10 EUR = 10.95 USD.
    // Day change 2 × (175 − 171) = 8 EUR; in USD 383.25 − 342 × 1.095 (the rate of the day before today) = 8.76.
    expect(sap).toMatchObject({ currency: 'EUR', quantity: '2', averageCost: '170.0000000000', price: '175', marketValue: '350.00', marketValueBase: '383.25' });
    expect(sap).toMatchObject({ unrealizedPnl: '10.00', unrealizedPnlBase: '10.95', dayChange: '8.00', dayChangeBase: '8.76', realizedPnl: '0.00' });

    // Cash: 8447 USD; 660 EUR × 1.095 = 722.70.
    expect(v.cash).toEqual([
      { currency: 'EUR', balance: '660.00', reserved: '0.00', available: '660.00', valueBase: '722.70' },
      { currency: 'USD', balance: '8447.00', reserved: '0.00', available: '8447.00', valueBase: '8447.00' },
    ]);
    // 1920 + 383.25 = 2303.25 in holdings; 8447 + 722.70 = 9169.70 cash; 11472.95 in all.
    expect(v.totals).toEqual({ value: '11472.95', holdings: '2303.25', cash: '9169.70', unrealizedPnl: '229.45', realizedPnl: '148.50', dayChange: '-21.24' });
    expect(v.realizedByYear).toEqual([{ year: '2024', currency: 'USD', amount: '148.50' }]);

    expect(v.allocation.byAssetClass.map((a) => [a.key, a.value])).toEqual([['cash', '9169.70'], ['stock', '2303.25']]);
    expect(v.allocation.byCurrency.map((a) => [a.key, a.value])).toEqual([['EUR', '1105.95'], ['USD', '10367.00']]);
    expect(v.allocation.byHolding.map((a) => [a.key, a.value])).toEqual([['AAPL', '1920.00'], ['SAP', '383.25']]);
    for (const rows of Object.values(v.allocation)) expect(weightSum(rows)).toBe('1');
    // 2303.25 / 11472.95 = 0.2007548...
    expect(v.allocation.byAssetClass.find((a) => a.key === 'stock')!.weight).toBe('0.200755');

    expect(v.oldestPriceTs).toBe(Date.parse('2024-03-07T00:00:00Z'));
    expect(v.warnings).toEqual({ pricedAtTrade: [], missingFx: [], missingPrices: [], cashMismatch: [], staleFx: [] });

    // The service adds holdings up itself (to value only what changed); it agrees with valuePortfolio on everything.
    const direct = valuePortfolio({
      date: today,
      baseCurrency: 'USD',
      holdings: v.holdings,
      cash: Object.fromEntries(v.cash.map((c) => [c.currency, c.balance])),
      assetClassOf: (s) => holding(v, s).assetClass,
      price: (s) => holding(v, s).price ?? undefined,
      previousClose: (s) => ({ AAPL: '130', SAP: '171' })[s],
      fx: (pair, date) => (pair === 'EUR-USD' ? (date === today || date === '2024-03-07' ? '1.095' : undefined) : undefined),
    });
    expect(v.totals).toEqual({ value: direct.totals.totalBase, holdings: direct.totals.holdingsBase, cash: direct.totals.cashBase, unrealizedPnl: direct.totals.unrealizedPnlBase, realizedPnl: '148.50', dayChange: direct.totals.dayChangeBase });
    expect(v.allocation).toEqual(direct.allocation);
  });

  it('values past days of the series at the closes and FX rate of that date', async () => {
    await scenario();
    const v = await snap(service());
    expect(v.series[0]!.date).toBe('2024-03-01');
    expect(v.series.at(-1)!.date).toBe('2024-03-08');
    // 03-01: AAPL 10 × 100 + cash 10000 − 1001 = 9999 USD; EUR 1000 × 1.08 = 1080; flows 10000 + 1000 × 1.08.
    expect(point(v, '2024-03-01')).toEqual({ date: '2024-03-01', value: '11079.00', flow: '11080.00' });
    // Saturday: Friday's closes and rate carried forward, no flow.
    expect(point(v, '2024-03-02')).toEqual({ date: '2024-03-02', value: '11079.00', flow: '0.00' });
    // 03-04: AAPL 20 × 118 + cash 7798 = 10158; EUR (2 × 171 + 660) × 1.09 (that day's rate, not today's 1.095) = 1092.18.
    expect(point(v, '2024-03-04')!.value).toBe('11250.18');
    // 03-05: AAPL 15 × 125 + 8447 = 10322; EUR 1002 × 1.10 = 1102.20.
    expect(point(v, '2024-03-05')!.value).toBe('11424.20');
    // Today equals the point-in-time total (wallets agree with the log).
    expect(v.series.at(-1)!.value).toBe(v.totals.value);
  });

  it("uses the account's cost-basis method (average cost), recomputes when it changes, and not for Settings", async () => {
    await scenario();
    const lots = new LotsService();
    const s = service({ lots });
    expect(holding(await snap(s), 'AAPL').averageCost).toBe('113.4333333333');
    // Settings no longer choose the method of the figures: nothing is computed again.
    settings = { ...settings, costMethod: 'average' };
    expect(holding(await snap(s), 'AAPL').averageCost).toBe('113.4333333333');
    expect(lots.build).toBe('kept');
    await sql(profile, `UPDATE accounts SET cost_method = 'average'`);
    const v = await snap(s);
    // The account's lots replayed by the new method; the value series needed no replay (units do not depend on it).
    expect(lots.build).toBe('replayed-accounts');
    expect(s.lastBuild).toMatchObject({ kind: 'cached', prices: 'kept' });
    expect(v.method).toBe('average');
    // Pool 20 units for 2202; the sell releases 2202 × 5/20 = 550.50: left 1651.50 for 15 (110.10 each);
    // realized 649 − 550.50 = 98.50; unrealized 1920 − 1651.50 = 268.50.
    expect(holding(v, 'AAPL')).toMatchObject({ quantity: '15', totalCost: '1651.50', averageCost: '110.1000000000', realizedPnl: '98.50', unrealizedPnl: '268.50' });
    expect(v.totals.realizedPnl).toBe('98.50');
  });

  it('revalues in another base currency through the inverse rate', async () => {
    await scenario();
    settings = { ...settings, baseCurrency: 'EUR' };
    const s = service();
    const v = await snap(s);
    // USD→EUR on 03-07 is 1 / 1.095 = 0.913242009132 (12 significant digits): 1920 × that = 1753.42; SAP 350 EUR as is.
    expect(holding(v, 'AAPL').marketValueBase).toBe('1753.42');
    expect(holding(v, 'SAP').marketValueBase).toBe('350.00');
    // Realized as the tax-year report takes it: the lot's cost 500.50 USD at its acquisition day's (03-01) 1 / 1.08 =
    // 0.925925925926: 463.43 EUR; proceeds 650 and fee 1 at the sale day's (03-05) 1 / 1.10 = 0.909090909091: 590.91
    // and 0.91 EUR; 590.91 − 0.91 − 463.43 = 126.57 (148.50 USD converted at the sale day's rate alone would be 135.00).
    expect(v.totals.realizedPnl).toBe('126.57');
    // The acquisition day's rate corrected to 1.10: the lot's rates are read again, its cost now 500.50 × 1 / 1.10 =
    // 455.00 EUR, and 590.91 − 0.91 − 455.00 = 135.00.
    await rate('EUR', 'USD', '2024-03-01', '1.10');
    s.pricesChanged('EUR-USD');
    expect((await snap(s)).totals.realizedPnl).toBe('135.00');
  });

  it('computes the time-weighted return over a deposit in the middle (hand-checked)', async () => {
    today = '2024-01-04';
    now = Date.parse('2024-01-04T18:00:00Z');
    await instrument('X', 'X Corp', 'stock', 'USD');
    await activity({ type: 'deposit', date: '2024-01-01', currency: 'USD', amount: '1000.00' });
    await activity({ type: 'buy', date: '2024-01-01', symbol: 'X', quantity: '10', price: '100', currency: 'USD', amount: '1000.00' });
    await activity({ type: 'deposit', date: '2024-01-03', currency: 'USD', amount: '1100.00' });
    await wallet('USD', '1100.00');
    for (const [d, c] of [['2024-01-01', '100'], ['2024-01-02', '110'], ['2024-01-03', '110'], ['2024-01-04', '121']] as const) await bar('X', d, c);
    const v = await snap(service());
    // Values 1000, 1100, 2200 (1100 in X + 1100 deposited), 2310; daily links 1000/1000, 1100/1000, 2200/(1100 + 1100),
    // 2310/2200: growth 1.1 × 1.05 = 1.155. A money-weighted figure would be 210 / 2100 = 0.1: the TWR ignores the deposit.
    expect(v.series.map((p) => [p.date, p.value, p.flow])).toEqual([
      ['2024-01-01', '1000.00', '1000.00'],
      ['2024-01-02', '1100.00', '0.00'],
      ['2024-01-03', '2200.00', '1100.00'],
      ['2024-01-04', '2310.00', '0.00'],
    ]);
    expect(v.returns.Max).toEqual({ start: '2023-12-31', end: '2024-01-04', twr: '0.1550000000', clamped: false });
    expect(v.returns['1M']).toMatchObject({ twr: '0.1550000000', clamped: true });
    // YTD starts at the close of 2023-12-31, the opening day here.
    expect(v.returns.YTD).toMatchObject({ start: '2023-12-31', twr: '0.1550000000', clamped: false });
  });

  it('updates incrementally after one more activity, equal to a full recompute', async () => {
    await scenario();
    const s = service();
    await snap(s);
    // A back-dated FIFO sell (it takes the rest of the first lot and part of the second) and one more buy today.
    await activity({ type: 'sell', date: '2024-03-06', symbol: 'AAPL', quantity: '7', price: '131', fee: '1.00', currency: 'USD', amount: '916.00' });
    await wallet('USD', '9363.00');
    s.invalidate();
    const inc = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'incremental', applied: 1 });
    const fresh = service();
    const full = await snap(fresh);
    expect(fresh.lastBuild.kind).toBe('full');
    expect(inc).toEqual(full);
    // 7 sold: 5 left of lot 1 (500.50) + 2 of lot 2 (1201 × 2/10 = 240.20) = 740.70; proceeds 917 − 1 = 916: +175.30.
    expect(holding(inc, 'AAPL')).toMatchObject({ quantity: '8', totalCost: '960.80', realizedPnl: '323.80' });

    await activity({ type: 'buy', date: '2024-03-08', symbol: 'SAP', quantity: '1', price: '176', fee: '0', currency: 'EUR', amount: '176.00' });
    await wallet('EUR', '484.00');
    s.invalidate();
    const inc2 = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'incremental', applied: 1 });
    expect(inc2).toEqual(await snap(service()));
    expect(holding(inc2, 'SAP')).toMatchObject({ quantity: '3', totalCost: '516.00' });

    // A buy of an instrument with sells: its position is new, its sells (and their realized P&L in base) are not.
    await activity({ type: 'buy', date: '2024-03-08', symbol: 'AAPL', quantity: '1', price: '130', fee: '0', currency: 'USD', amount: '130.00' });
    await wallet('USD', '9233.00');
    s.invalidate();
    const inc3 = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'incremental', applied: 1 });
    expect(inc3).toEqual(await snap(service()));
    expect(inc3.totals.realizedPnl).toBe(inc2.totals.realizedPnl);

    // In EUR, a buy dated before both sells: under FIFO they now close it first. AAPL's lots alone are replayed and
    // only its closed lots leave and re-enter the realized sums in EUR (their rates of 02-28, 03-05 and 03-06).
    settings = { ...settings, baseCurrency: 'EUR' };
    await snap(s);
    await rate('EUR', 'USD', '2024-02-28', '1.07');
    s.pricesChanged('EUR-USD');
    await snap(s);
    const lots = new LotsService();
    const t = service({ lots });
    await snap(t);
    await activity({ type: 'buy', date: '2024-02-28', symbol: 'AAPL', quantity: '2', price: '90', fee: '0', currency: 'USD', amount: '180.00' });
    await wallet('USD', '9053.00');
    s.invalidate();
    t.invalidate();
    const inc4 = await snap(s);
    await snap(t);
    expect(lots.build).toBe('replayed-instruments');
    expect(inc4).toEqual(await snap(service()));
    // The sell of 5 now takes the 2 at 90 and 3 of the 03-01 lot (1001 × 3/10 = 300.30): 480.30; the sell of 7 the
    // other 7 of it: 700.70. Cost released 1181.00 against 500.50 + 740.70 = 1241.20 before: 60.20 more gain.
    expect(Dec.of(holding(inc4, 'AAPL').realizedPnl).minus(holding(inc3, 'AAPL').realizedPnl).toFixed(2)).toBe('60.20');
    // Dated after the first sell and never reached by FIFO: AAPL is replayed, its lots close as before, and their
    // gains in EUR are taken over without a rate read; the result is a fresh computation's.
    await activity({ type: 'buy', date: '2024-03-05', symbol: 'AAPL', quantity: '1', price: '200', fee: '0', currency: 'USD', amount: '200.00' });
    await wallet('USD', '8853.00');
    s.invalidate();
    t.invalidate();
    const inc5 = await snap(s);
    await snap(t);
    expect(lots.build).toBe('replayed-instruments');
    expect(inc5).toEqual(await snap(service()));
    expect(inc5.totals.realizedPnl).toBe(inc4.totals.realizedPnl);
  });

  it('shows an instrument renamed or reclassified, or a minor unit changed, in the next snapshot (the catalogue is kept only while unchanged)', async () => {
    await scenario();
    const s = service();
    const before = await snap(s);
    expect(holding(before, 'SAP')).toMatchObject({ name: 'SAP SE', assetClass: 'stock' });
    await sql(profile, `UPDATE instruments SET name = 'SAP Aktiengesellschaft', asset_class = 'crypto' WHERE symbol = 'SAP'`);
    const renamed = await snap(s);
    expect(holding(renamed, 'SAP')).toMatchObject({ name: 'SAP Aktiengesellschaft', assetClass: 'crypto' });
    expect(renamed).toEqual(await snap(service()));
    // EUR with 3 minor digits (a catalogue edit): the cash view formats at the new unit, as a fresh service does.
    await sql(profile, `UPDATE currencies SET minor_unit = 3 WHERE code = 'EUR'`);
    const units = await snap(s);
    expect(units.cash.find((c) => c.currency === 'EUR')!.reserved).toBe('0.000');
    expect(units.cash).toEqual((await snap(service())).cash);
  });

  it('notices appended rows without invalidate, extends the price table for a new instrument, starts over for a row before the series', async () => {
    await scenario();
    const s = service();
    await snap(s);
    await snap(s);
    expect(s.lastBuild.kind).toBe('cached');
    await activity({ type: 'dividend', date: '2024-03-07', symbol: 'AAPL', currency: 'USD', amount: '3.00' });
    await wallet('USD', '8450.00');
    await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'incremental', applied: 1, prices: 'kept' });

    await instrument('BTC-USD', 'Bitcoin', 'crypto', 'USD');
    await bar('BTC-USD', '2024-03-06', '64000', 'binance');
    await bar('BTC-USD', '2024-03-07', '66000', 'binance');
    await activity({ type: 'buy', date: '2024-03-07', symbol: 'BTC-USD', quantity: '0.01', price: '65000', fee: '0', currency: 'USD', amount: '650.00' });
    await wallet('USD', '7800.00');
    s.invalidate();
    const v = await snap(s);
    // Only BTC-USD's closes were read; the state was kept and the trade applied to it.
    expect(s.lastBuild).toMatchObject({ kind: 'incremental', applied: 1, prices: 'updated' });
    // Marked at its stored close (66000), not the trade price: 0.01 × 66000 = 660; a day change 0.01 × 2000 = 20.
    expect(holding(v, 'BTC-USD')).toMatchObject({ assetClass: 'crypto', price: '66000', priceSource: 'binance', marketValue: '660.00', dayChange: '20.00' });
    expect(v).toEqual(await snap(service()));

    await activity({ type: 'deposit', date: '2024-02-20', currency: 'USD', amount: '5.00' });
    await wallet('USD', '7805.00');
    s.invalidate();
    const early = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'full', prices: 'read' });
    expect(early.series[0]!.date).toBe('2024-02-20');
    expect(early).toEqual(await snap(service()));

    // The last row removed behind the cache (the last rowid goes down): the log is read again.
    await sql(profile, `DELETE FROM activities WHERE date = '2024-02-20'`);
    await wallet('USD', '7800.00');
    let after = await snap(s);
    expect(s.lastBuild.kind).toBe('full');
    expect(after.series[0]!.date).toBe('2024-03-01');
    // A row edited in place, and said so: invalidate() with nothing new reads the log again.
    await sql(profile, `UPDATE activities SET amount = '4.00' WHERE type = 'dividend'`);
    await wallet('USD', '7801.00');
    s.invalidate();
    after = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'full', prices: 'kept' });
    expect(after).toEqual(await snap(service()));
    expect(after.warnings.cashMismatch).toEqual([]);
  });

  it('marks at the live price when there is one, and revalues today only', async () => {
    await scenario();
    const s = service();
    const before = await snap(s);
    live.set('AAPL', { symbol: 'AAPL', price: '135.5', currency: 'USD', ts: now - 5_000, seq: 1, source: 'finnhub', simulated: false, stale: false, receivedAt: now - 4_000 });
    live.set('SAP', { symbol: 'SAP', price: '180', currency: 'USD', ts: now - 5_000, seq: 1, source: 'x', simulated: false, stale: false, receivedAt: now - 4_000 }); // wrong currency: ignored
    const v = await snap(s);
    expect(s.lastBuild.kind).toBe('cached');
    const aapl = holding(v, 'AAPL');
    // 15 × 135.5 = 2032.50; − 1701.50 = 331; day change against the last close before today (128): 15 × 7.5 = 112.50.
    expect(aapl).toMatchObject({ price: '135.5', priceSource: 'finnhub', priceTs: now - 5_000, stale: false, marketValue: '2032.50', unrealizedPnl: '331.00', dayChange: '112.50' });
    expect(holding(v, 'SAP')).toMatchObject({ price: '175', priceSource: 'yahoo' });
    expect(v.totals.value).toBe('11585.45'); // 11472.95 + 112.50
    // Only today's point moves; the history stays.
    expect(v.series.at(-1)!.value).toBe('11585.45');
    expect(v.series.slice(0, -1)).toEqual(before.series.slice(0, -1));
    expect(v.returns.Max!.twr).not.toBe(before.returns.Max!.twr);
    expect(v.oldestPriceTs).toBe(Date.parse('2024-03-07T00:00:00Z')); // SAP's close is the oldest mark

    // A simulated tick is used and said so; one not received within the stock window (2 min) is stale.
    live.set('AAPL', { ...live.get('AAPL')!, simulated: true, receivedAt: now - 10 * 60_000 });
    expect(holding(await snap(s), 'AAPL')).toMatchObject({ price: '135.5', simulated: true, stale: true });
    // A tick older than the last stored close is not a better mark than that close.
    live.set('AAPL', { ...live.get('AAPL')!, ts: Date.parse('2024-03-05T15:00:00Z'), simulated: false });
    expect(holding(await snap(s), 'AAPL')).toMatchObject({ price: '128', priceSource: 'yahoo' });
    live.clear();
    expect(await snap(s)).toEqual(before);
  });

  it('uses a live FX rate for today (not a simulated one)', async () => {
    await scenario();
    const s = service();
    live.set('EUR-USD', { symbol: 'EUR-USD', price: '1.1', currency: 'USD', ts: now - 1_000, seq: 1, source: 'frankfurter', simulated: false, stale: false, receivedAt: now - 1_000 });
    const v = await snap(s);
    // (350 + 660) EUR × 1.1 = 1111 USD; 1920 + 8447 + 1111 = 11478.
    expect(v.totals.value).toBe('11478.00');
    expect(v.series.at(-1)!.value).toBe('11478.00');
    live.set('EUR-USD', { ...live.get('EUR-USD')!, simulated: true });
    expect((await snap(s)).totals.value).toBe('11472.95');
  });

  it('falls back to the last stored close (stale when old) or the trade price, and says so', async () => {
    await scenario();
    await instrument('NEW', 'No bars yet', 'stock', 'USD');
    await activity({ type: 'buy', date: '2024-03-06', symbol: 'NEW', quantity: '3', price: '10', fee: '0', currency: 'USD', amount: '30.00' });
    await wallet('USD', '8417.00');
    today = '2024-03-15';
    now = Date.parse('2024-03-15T12:00:00Z');
    const v = await snap(service());
    // Eight days after the last close: stale, still named.
    expect(holding(v, 'AAPL')).toMatchObject({ price: '128', priceSource: 'yahoo', stale: true });
    expect(holding(v, 'NEW')).toMatchObject({ price: '10', priceSource: 'trade', stale: true, marketValue: '30.00', priceTs: Date.parse('2024-03-06T00:00:00Z') });
    expect(v.warnings.missingPrices).toEqual(['NEW']);
    expect(v.warnings.pricedAtTrade).toEqual(['NEW']);
    expect(v.oldestPriceTs).toBe(Date.parse('2024-03-06T00:00:00Z'));
  });

  it('recomputes when closes or rates change: at once by pricesChanged(), else new rows by the tables\' row counts', async () => {
    await scenario();
    const s = service();
    await snap(s);
    await bar('AAPL', '2024-03-08', '131');
    let v = await snap(s);
    expect(s.lastBuild.kind).toBe('cached'); // the row counts are compared at most every MARKET_CHECK_MS
    now += MARKET_CHECK_MS;
    v = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'full', prices: 'read' });
    expect(holding(v, 'AAPL')).toMatchObject({ price: '131', marketValue: '1965.00' });
    await bar('AAPL', '2024-03-08', '132'); // replaces the row: same count
    now += MARKET_CHECK_MS;
    v = await snap(s);
    expect(s.lastBuild.kind).toBe('cached');
    s.pricesChanged();
    v = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'full', prices: 'read' });
    expect(holding(v, 'AAPL')).toMatchObject({ price: '132', marketValue: '1980.00' });

    // Named series: only those are read again (and the log replayed against them); one the portfolio does not use
    // changes nothing.
    await bar('AAPL', '2024-03-08', '133');
    s.pricesChanged('AAPL');
    v = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'full', prices: 'updated' });
    expect(holding(v, 'AAPL').price).toBe('133');
    await rate('EUR', 'USD', '2024-03-07', '1.1');
    s.pricesChanged('EUR-USD');
    v = await snap(s);
    expect(s.lastBuild).toMatchObject({ kind: 'full', prices: 'updated' });
    expect(holding(v, 'SAP').marketValueBase).toBe('385.00'); // 350 EUR × 1.1
    expect(v).toEqual(await snap(service()));
    s.pricesChanged('ETH-USD');
    await snap(s);
    expect(s.lastBuild.kind).toBe('cached');
  });

  it('shows reserved cash, crosses rates through EUR, and flags a wallet the log disagrees with', async () => {
    await scenario();
    await wallet('USD', '8447.00', '200.00');
    // GBP is only published against EUR: GBP→USD = (1 / 0.85) × 1.095 = 1.17647058824 × 1.095 = 1.28823529412.
    await activity({ type: 'deposit', date: '2024-03-07', currency: 'GBP', amount: '100.00' });
    await wallet('GBP', '100.00');
    await rate('EUR', 'GBP', '2024-03-07', '0.85');
    let v = await snap(service());
    expect(v.cash.find((c) => c.currency === 'USD')).toEqual({ currency: 'USD', balance: '8447.00', reserved: '200.00', available: '8247.00', valueBase: '8447.00' });
    expect(v.cash.find((c) => c.currency === 'GBP')!.valueBase).toBe('128.82');
    expect(v.totals.cash).toBe('9298.52'); // 8447 + 722.70 + 128.82
    expect(v.warnings.cashMismatch).toEqual([]);
    await wallet('GBP', '90.00');
    v = await snap(service());
    expect(v.warnings.cashMismatch).toEqual(['GBP']);
  });

  it('leaves a day without any rate out instead of converting at a later one', async () => {
    await instrument('AAPL', 'Apple Inc.', 'stock', 'USD');
    await activity({ type: 'deposit', date: '2024-03-01', currency: 'USD', amount: '100.00' });
    await activity({ type: 'deposit', date: '2024-03-01', currency: 'CHF', amount: '100.00' });
    await wallet('USD', '100.00');
    await wallet('CHF', '100.00');
    await rate('USD', 'CHF', '2024-03-05', '0.8'); // the first CHF rate: 1 / 0.8 = 1.25 USD per CHF
    const v = await snap(service());
    expect(point(v, '2024-03-04')!.value).toBe('100.00');
    expect(point(v, '2024-03-05')!.value).toBe('225.00');
    expect(v.warnings.missingFx).toEqual(['CHF']);
  });

  it('values a currency at its last stored rate when nothing newer is published (offline), and says how old it is', async () => {
    // As offline with only the bundled history: the last EUR rate is a year before the EUR arrived.
    await rate('EUR', 'USD', '2023-02-28', '1.0600');
    await activity({ type: 'deposit', date: '2024-03-01', currency: 'EUR', amount: '100.00' });
    await wallet('EUR', '100.00');
    const v = await snap(service());
    expect(point(v, '2024-03-01')!.value).toBe('106.00');
    expect(v.cash.find((c) => c.currency === 'EUR')!.valueBase).toBe('106.00');
    expect(v.warnings.missingFx).toEqual([]);
    expect(v.warnings.staleFx).toEqual([{ currency: 'EUR', date: '2023-02-28' }]);
    // A live rate today takes over and the warning goes.
    live.set('EUR-USD', { symbol: 'EUR-USD', price: '1.0800', currency: 'USD', ts: now, seq: 1, source: 'frankfurter', receivedAt: now, stale: false });
    const w = await snap(service());
    expect(w.cash.find((c) => c.currency === 'EUR')!.valueBase).toBe('108.00');
    expect(w.warnings.staleFx).toEqual([]);
  });

  it('refuses a log that cannot be replayed, with the reason', async () => {
    await scenario();
    await activity({ type: 'sell', date: '2024-03-02', symbol: 'SAP', quantity: '1', price: '170', fee: '0', currency: 'EUR', amount: '170.00' });
    await expect(service().snapshot()).rejects.toMatchObject({ code: 'INSUFFICIENT_HOLDING' });
  });
});
