import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, ActivityView, PortfolioSnapshot, RealizedReport } from '../../shared/contract/index.js';
import { Database } from '../support/db-key.js';
import { auditProfileDb } from '../support/ledger.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `corporate-${process.pid}-${++k}`;

/**
 * Corporate actions through `activity:record` on a real profile: a split applies to every account holding the
 * instrument from its date on, changes units and never cost, realizes nothing; bad input changes nothing.
 */
describe('corporate actions', () => {
  let t: TradingApp;
  let broker: Account;
  const record = <T = ActivityView>(p: Record<string, unknown>) => t.call<T>('activity:record', { idempotencyKey: key(), ...p });
  const file = () => join(t.dir, 'profiles', readdirSync(join(t.dir, 'profiles'))[0]!, 'bourse.db');
  /** Every position and the whole activities table, read through a second connection. */
  const dump = () => {
    const db = new Database(file(), { readonly: true });
    try {
      return {
        positions: db.prepare('SELECT account_id, symbol, quantity, reserved FROM positions ORDER BY account_id, symbol').all(),
        activities: db.prepare('SELECT * FROM activities ORDER BY rowid').all(),
        days: db.prepare('SELECT * FROM history_days ORDER BY date, currency, type, symbol, leg').all(),
      };
    } finally {
      db.close();
    }
  };
  const positions = () => (dump().positions as { account_id: string; symbol: string; quantity: string }[]).map((p) => `${p.account_id === 'main' ? 'main' : 'broker'} ${p.symbol} ${p.quantity}`);

  beforeEach(async () => {
    t = await tradingApp();
    await t.call('instrument:add', AAPL);
    await t.call('instrument:add', { symbol: 'APLE', name: 'Apple renamed', assetClass: 'stock', quoteCurrency: 'USD' });
    broker = await t.call<Account>('account:create', { name: 'Broker', kind: 'brokerage', costMethod: 'fifo' });
    await record({ type: 'deposit', currency: 'USD', amount: '10000', date: '2024-01-02' });
    await record({ type: 'deposit', currency: 'USD', amount: '10000', date: '2024-01-02', accountId: broker.id });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', fee: '1', date: '2024-01-10' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '4', price: '120', date: '2024-02-01', accountId: broker.id });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '2', price: '110', date: '2024-03-01' });
    // Recorded before the split, dated on its day: already in the new units.
    await record({ type: 'buy', symbol: 'AAPL', quantity: '2', price: '60', date: '2024-06-10' });
  });
  afterEach(async () => t.close());

  it('a 2-for-1 split doubles the units held before its date in every account, and nothing else', async () => {
    expect(positions()).toEqual(['broker AAPL 4', 'main AAPL 10']);
    const cash = await t.call('wallet:list', {});
    const v = await record({ type: 'split', symbol: 'AAPL', date: '2024-06-10', numerator: '2', denominator: '1' });
    expect([v.type, v.symbol, v.date, v.numerator, v.denominator, v.quantity, v.amount]).toEqual(['split', 'AAPL', '2024-06-10', '2', '1', null, '0']);
    // main: (10 − 2) × 2 + 2 bought on the split day = 18; broker: 4 × 2 = 8.
    expect(positions()).toEqual(['broker AAPL 8', 'main AAPL 18']);
    expect(await t.call('wallet:list', {})).toEqual(cash);
    expect(auditProfileDb(file()).problems).toEqual([]);

    // The lots: cost unchanged, units doubled; a sell after the split realizes against the split cost.
    await record({ type: 'sell', symbol: 'AAPL', quantity: '16', price: '70', date: '2024-07-01' });
    const r = await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: ['main'] });
    // FIFO: the 2024-01-10 lot is 8 × 2 = 16 units costing 1001.00 × 8/10 = 800.80; 16 × 70 = 1120.00.
    expect(r.rows.map((x) => [x.acquired, x.sold, x.quantity, x.cost, x.proceeds, x.gain])).toEqual([
      ['2024-01-10', '2024-03-01', '2', '200.20', '220.00', '19.80'],
      ['2024-01-10', '2024-07-01', '16', '800.80', '1120.00', '319.20'],
    ]);
    // The portfolio holds what the positions hold (all accounts: 2 + 8 left).
    const snap = await t.call<PortfolioSnapshot>('portfolio:snapshot', {});
    expect(snap.holdings.find((h) => h.symbol === 'AAPL')?.quantity).toBe('10');
  });

  it('a reverse split and a stock dividend', async () => {
    await record({ type: 'split', symbol: 'AAPL', date: '2024-05-01', numerator: '1', denominator: '4' });
    // main: 8 / 4 + 2 = 4; broker 4 / 4 = 1.
    expect(positions()).toEqual(['broker AAPL 1', 'main AAPL 4']);
    await record({ type: 'stock-dividend', symbol: 'AAPL', date: '2024-06-20', numerator: '1', denominator: '2' });
    expect(positions()).toEqual(['broker AAPL 1.5', 'main AAPL 6']);
  });

  it('a symbol change moves every account to the new symbol', async () => {
    const v = await record({ type: 'symbol-change', symbol: 'AAPL', newSymbol: 'APLE', date: '2024-08-01' });
    expect([v.type, v.symbol, v.newSymbol, v.toCurrency]).toEqual(['symbol-change', 'AAPL', 'APLE', null]);
    expect(positions()).toEqual(['broker AAPL 0', 'broker APLE 4', 'main AAPL 0', 'main APLE 10']);
    await record({ type: 'sell', symbol: 'APLE', quantity: '10', price: '90', date: '2024-08-02' });
    expect(positions()).toEqual(['broker AAPL 0', 'broker APLE 4', 'main AAPL 0', 'main APLE 0']);
    const snap = await t.call<PortfolioSnapshot>('portfolio:snapshot', {});
    expect(snap.holdings.filter((h) => h.quantity !== '0').map((h) => [h.symbol, h.quantity])).toEqual([['APLE', '4']]);
    const r = await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: ['main'] });
    expect(r.rows.map((x) => [x.symbol, x.quantity, x.sold])).toEqual([
      ['AAPL', '2', '2024-03-01'],
      ['APLE', '8', '2024-08-02'],
      ['APLE', '2', '2024-08-02'],
    ]);
  });

  it('a replay returns the first answer and records once', async () => {
    const req = { type: 'split', symbol: 'AAPL', date: '2024-06-10', numerator: '3', denominator: '1', idempotencyKey: 'split-once' };
    const a = await t.call<ActivityView>('activity:record', req);
    const b = await t.call<ActivityView>('activity:record', req);
    expect(b).toEqual(a);
    expect(positions()).toEqual(['broker AAPL 12', 'main AAPL 26']);
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    const before = dump();
    const refused = async (p: Record<string, unknown>) => (await t.refused('activity:record', { idempotencyKey: key(), ...p })).code;
    const split = { type: 'split', symbol: 'AAPL', date: '2024-06-10', numerator: '2', denominator: '1' };
    expect(await refused({ ...split, numerator: '0' })).toBe('INVALID_INPUT');
    expect(await refused({ ...split, numerator: '-2' })).toBe('INVALID_INPUT');
    expect(await refused({ ...split, numerator: '1', denominator: '1' })).toBe('INVALID_INPUT');
    expect(await refused({ ...split, numerator: 'two' })).toBe('INVALID_INPUT');
    expect(await refused({ ...split, symbol: 'MSFT' })).toBe('NOT_FOUND');
    expect(await refused({ ...split, accountId: broker.id })).toBe('INVALID_INPUT');
    expect(await refused({ ...split, date: '2999-01-01' })).toBe('INVALID_INPUT');
    expect(await refused({ type: 'symbol-change', symbol: 'AAPL', newSymbol: 'AAPL', date: '2024-08-01' })).toBe('INVALID_INPUT');
    expect(await refused({ type: 'symbol-change', symbol: 'AAPL', newSymbol: 'NOPE', date: '2024-08-01' })).toBe('NOT_FOUND');
    // A 1-for-10 reverse split dated before the sell of 2 would leave main 1 unit to sell 2 from.
    expect(await refused({ ...split, date: '2024-02-15', numerator: '1', denominator: '10' })).toBe('INSUFFICIENT_HOLDING');
    expect(dump()).toEqual(before);
  });

  it('refuses a split while units are on sale in an open order', async () => {
    await t.setPrice('AAPL', '100');
    await t.call('orders:place', { symbol: 'AAPL', side: 'sell', type: 'limit', quantity: '1', limitPrice: '500', idempotencyKey: key() });
    const before = dump();
    const e = await t.refused('activity:record', { idempotencyKey: key(), type: 'split', symbol: 'AAPL', date: '2024-06-10', numerator: '2', denominator: '1' });
    expect(e.code).toBe('IN_USE');
    expect(dump()).toEqual(before);
  });
});
