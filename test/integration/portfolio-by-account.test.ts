import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, PortfolioByAccount, PortfolioSnapshot } from '../../shared/contract/index.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `by-account-${process.pid}-${++k}`;

/**
 * `portfolio:snapshot` {accountIds?, asOf?} and `portfolio:export` on a real profile and market database. Base USD.
 * Main (FIFO): 10 AAPL at 100 (01-10), 10 at 120 (02-01), sells 5 at 130 (03-01). Broker (HIFO): 5 AAPL at 110
 * (01-15), 5 at 140 (02-15), sells 5 at 150 (04-01); 2 SAP at 170 EUR (02-05). AAPL splits 2-for-1 on 05-01.
 * Closes: AAPL 125 (02-29), 170 (03-28), 100 (06-27); SAP 180 EUR (03-28); EUR-USD 1.08 (03-28). Every figure
 * below is worked by hand next to its expectation.
 */
describe('the portfolio by account and date', () => {
  let t: TradingApp;
  let market: Store;
  let broker: Account;
  const record = (p: Record<string, unknown>) => t.call('activity:record', { idempotencyKey: key(), ...p });
  const snapshot = (req: Record<string, unknown>) => t.call<PortfolioByAccount>('portfolio:snapshot', req);

  beforeEach(async () => {
    t = await tradingApp({ now: () => Date.parse('2024-06-28T12:00:00Z') });
    market = await openMarketStore(join(t.dir, 'market.db'));
    await t.call('instrument:add', AAPL);
    await t.call('instrument:add', { symbol: 'SAP', name: 'SAP SE', assetClass: 'stock', quoteCurrency: 'EUR' });
    broker = await t.call<Account>('account:create', { name: 'Broker', kind: 'brokerage', costMethod: 'hifo' });
    const b = { accountId: broker.id };
    await record({ type: 'deposit', currency: 'USD', amount: '10000', date: '2024-01-02' });
    await record({ type: 'deposit', currency: 'USD', amount: '5000', date: '2024-01-02', ...b });
    await record({ type: 'deposit', currency: 'EUR', amount: '1000', date: '2024-01-02', ...b });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', date: '2024-01-10' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '120', date: '2024-02-01' });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '5', price: '130', date: '2024-03-01' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '5', price: '110', date: '2024-01-15', ...b });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '5', price: '140', date: '2024-02-15', ...b });
    await record({ type: 'buy', symbol: 'SAP', quantity: '2', price: '170', date: '2024-02-05', ...b });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '5', price: '150', date: '2024-04-01', ...b });
    await record({ type: 'split', symbol: 'AAPL', date: '2024-05-01', numerator: '2', denominator: '1' });
    const bar = (symbol: string, date: string, close: string, currency: string) =>
      market.writer.write((db) => db.prepare(`INSERT OR REPLACE INTO daily_bars (symbol, date, source, currency, close) VALUES (?, ?, 'yahoo', ?, ?)`).run(symbol, date, currency, close));
    await bar('AAPL', '2024-02-29', '125', 'USD');
    await bar('AAPL', '2024-03-28', '170', 'USD');
    await bar('AAPL', '2024-06-27', '100', 'USD');
    await bar('SAP', '2024-03-28', '180', 'EUR');
    await market.writer.write((db) => db.prepare(`INSERT OR REPLACE INTO fx_rates (base, quote, date, source, rate) VALUES ('EUR', 'USD', '2024-03-28', 'frankfurter', '1.08')`).run());
  });
  afterEach(async () => {
    await market.close();
    await t.close();
  });

  const rows = (s: PortfolioByAccount) =>
    s.accounts.map((a) => ({
      account: a.accountId === 'main' ? 'main' : 'broker',
      holdings: a.holdings.map((h) => [h.symbol, h.quantity, h.cost, h.price, h.priceDate, h.marketValue, h.marketValueBase, h.costBase].join(' ')),
      cash: a.cash.map((c) => [c.currency, c.balance, c.valueBase].join(' ')),
      totals: a.totals,
    }));

  it('every account at the end of a past day: lots by its method, that day\'s closes and rates', async () => {
    const s = await snapshot({ asOf: '2024-03-31' });
    expect(s.date).toBe('2024-03-31');
    expect(rows(s)).toEqual([
      // FIFO after selling 5: 5 of the 100 lot (500.00) and the 120 lot (1200.00); 15 × 170 = 2550.00.
      // Cash 10000 − 1000 − 1200 + 650 = 8450.00.
      { account: 'main', holdings: ['AAPL 15 1700.00 170 2024-03-28 2550.00 2550.00 1700.00'], cash: ['USD 8450.00 8450.00'], totals: { holdings: '2550.00', cash: '8450.00', value: '11000.00' } },
      // The sell of 04-01 is after the day. SAP: 2 × 180 = 360.00 EUR, × 1.08 = 388.80; cost 340.00 × 1.08 = 367.20.
      // Cash: 5000 − 550 − 700 = 3750.00 USD; 1000 − 340 = 660.00 EUR = 712.80 USD.
      {
        account: 'broker',
        holdings: ['AAPL 10 1250.00 170 2024-03-28 1700.00 1700.00 1250.00', 'SAP 2 340.00 180 2024-03-28 360.00 388.80 367.20'],
        cash: ['EUR 660.00 712.80', 'USD 3750.00 3750.00'],
        totals: { holdings: '2088.80', cash: '4462.80', value: '6551.60' },
      },
    ]);
    expect(s.totals).toMatchObject({ value: '17551.60', holdings: '4638.80', cash: '12912.80', realizedPnl: '150.00' });
    expect(s.holdings.map((h) => [h.symbol, h.quantity, h.totalCost, h.marketValueBase])).toEqual([
      ['AAPL', '25', '2950.00', '4250.00'],
      ['SAP', '2', '340.00', '388.80'],
    ]);
  });

  it('one account today: the split doubled its units, HIFO closed the dearest lot', async () => {
    const s = await snapshot({ accountIds: [broker.id] });
    expect(s.date).toBe('2024-06-28');
    // HIFO sold the 140 lot on 04-01 (gain 750 − 700 = 50); the 110 lot split into 10 units still costing 550.00.
    expect(rows(s)).toEqual([
      {
        account: 'broker',
        holdings: ['AAPL 10 550.00 100 2024-06-27 1000.00 1000.00 550.00', 'SAP 2 340.00 180 2024-03-28 360.00 388.80 367.20'],
        cash: ['EUR 660.00 712.80', 'USD 4500.00 4500.00'],
        totals: { holdings: '1388.80', cash: '5212.80', value: '6601.60' },
      },
    ]);
    expect(s.totals.realizedPnl).toBe('50.00');
    expect(s.realizedByYear).toEqual([{ year: '2024', currency: 'USD', amount: '50.00' }]);
  });

  it('exports it as CSV in the base currency and in each instrument\'s own', async () => {
    const base = await t.call<{ filename: string; csv: string }>('portfolio:export', { accountIds: [broker.id], asOf: '2024-03-31', currency: 'base' });
    expect(base.filename).toBe('bourse-portfolio-2024-03-31-base.csv');
    expect(base.csv.split('\r\n')).toEqual([
      'date,account,kind,symbol,quantity,currency,price,price date,cost,value',
      '2024-03-31,Broker,holding,AAPL,10,USD,170,2024-03-28,1250.00,1700.00',
      '2024-03-31,Broker,holding,SAP,2,USD,180,2024-03-28,367.20,388.80',
      '2024-03-31,Broker,cash,,,USD,,,,712.80',
      '2024-03-31,Broker,cash,,,USD,,,,3750.00',
      '',
    ]);
    const own = await t.call<{ csv: string }>('portfolio:export', { accountIds: [broker.id], asOf: '2024-03-31', currency: 'instrument' });
    expect(own.csv.split('\r\n').slice(1)).toEqual([
      '2024-03-31,Broker,holding,AAPL,10,USD,170,2024-03-28,1250.00,1700.00',
      '2024-03-31,Broker,holding,SAP,2,EUR,180,2024-03-28,340.00,360.00',
      '2024-03-31,Broker,cash,,,EUR,,,,660.00',
      '2024-03-31,Broker,cash,,,USD,,,,3750.00',
      '',
    ]);
  });

  it("the live snapshot takes cost and realized P&L from each account's lots, as the accounts asked by name do", async () => {
    const live = await t.call<PortfolioSnapshot>('portfolio:snapshot', {});
    const named = await snapshot({ accountIds: ['main', broker.id] });
    const aapl = (v: PortfolioSnapshot) => v.holdings.find((h) => h.symbol === 'AAPL')!;
    // Main (FIFO) keeps 5 of the 100 lot and the 120 lot: 1700.00; Broker (HIFO) sold its 140 lot and keeps the 110
    // lot: 550.00. Both split 2-for-1: 30 + 10 units for 2250.00, 56.25 each. Realized: Main 650 − 500 = 150.00,
    // Broker 750 − 700 = 50.00. (One FIFO over both accounts would have sold Main's 100 lot for Broker: 250.00.)
    expect(aapl(live)).toMatchObject({ quantity: '40', totalCost: '2250.00', averageCost: '56.2500000000', realizedPnl: '200.00' });
    expect(live.method).toBe('mixed');
    expect(live.totals.realizedPnl).toBe('200.00');
    expect(live.realizedByYear).toEqual([{ year: '2024', currency: 'USD', amount: '200.00' }]);
    // Marked at the 06-27 close of 100: 4000.00 − 2250.00 = 1750.00 unrealized.
    expect(aapl(live)).toMatchObject({ marketValue: '4000.00', unrealizedPnl: '1750.00' });
    for (const field of ['quantity', 'totalCost', 'averageCost', 'realizedPnl'] as const) expect(aapl(live)[field]).toBe(aapl(named)[field]);
    expect(live.totals.realizedPnl).toBe(named.totals.realizedPnl);
    expect(live.realizedByYear).toEqual(named.realizedByYear);
    expect(named.method).toBe('mixed');
    expect((await snapshot({ accountIds: [broker.id] })).method).toBe('hifo');
    // Main to LIFO (its lots alone replayed): its sell now closes 5 of the 120 lot, 650 − 600 = 50.00; it keeps
    // 1000 + 600 = 1600.00 and Broker 550.00: 2150.00 for 40 units, 53.75 each; 4000.00 − 2150.00 unrealized.
    await t.call('account:update', { id: 'main', costMethod: 'lifo' });
    const lifo = await t.call<PortfolioSnapshot>('portfolio:snapshot', {});
    expect(aapl(lifo)).toMatchObject({ quantity: '40', totalCost: '2150.00', averageCost: '53.7500000000', realizedPnl: '100.00', unrealizedPnl: '1850.00' });
    expect(lifo.totals.realizedPnl).toBe('100.00');
    expect((await snapshot({ accountIds: ['main', broker.id] })).totals.realizedPnl).toBe('100.00');
  });

  it('the live snapshot takes a cash transfer between accounts for no flow, in another currency for an exchange', async () => {
    const flowOn = (v: PortfolioSnapshot, date: string) => v.series.find((p) => p.date === date)?.flow;
    expect(flowOn(await t.call<PortfolioSnapshot>('portfolio:snapshot', {}), '2024-03-28')).toBe('0.00');
    // 108 USD out of Main, 90 EUR into Broker (the rate actually paid, worse than the day's 1.08): money stays in
    // the profile, so no flow, though 90 EUR is worth 97.20 USD that day (a withdrawal and a deposit: −10.80).
    await t.call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-03-28', idempotencyKey: key(), currency: 'USD', amount: '108', toCurrency: 'EUR', toAmount: '90' });
    const live = await t.call<PortfolioSnapshot>('portfolio:snapshot', {});
    expect(flowOn(live, '2024-03-28')).toBe('0.00');
    expect(live.warnings.cashMismatch).toEqual([]);
    // The same money in the per-account view: Main 108 USD less, Broker 90 EUR more.
    const named = await snapshot({ asOf: '2024-03-31' });
    expect(named.accounts.find((a) => a.accountId === 'main')!.cash).toEqual([{ currency: 'USD', balance: '8342.00', valueBase: '8342.00' }]);
    expect(named.accounts.find((a) => a.accountId === broker.id)!.cash.find((c) => c.currency === 'EUR')).toEqual({ currency: 'EUR', balance: '750.00', valueBase: '810.00' });
  });

  it('the live snapshot is unchanged without accountIds and asOf; bad requests are refused', async () => {
    const live = await t.call<PortfolioSnapshot & { accounts?: unknown }>('portfolio:snapshot', {});
    expect(live.accounts).toBeUndefined();
    expect(live.holdings.find((h) => h.symbol === 'AAPL')?.quantity).toBe('40');
    expect((await t.refused('portfolio:snapshot', { asOf: '2024-07-01' })).code).toBe('INVALID_INPUT');
    expect((await t.refused('portfolio:snapshot', { accountIds: ['nope'] })).code).toBe('NOT_FOUND');
    expect((await t.refused('portfolio:snapshot', { asOf: '31/03/2024' })).code).toBe('INVALID_INPUT');
  });
});
