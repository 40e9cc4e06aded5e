import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, PortfolioByAccount, RealizedReport } from '../../shared/contract/index.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `transfer-split-${process.pid}-${++k}`;

/**
 * Units moved between accounts, then split: every reader of the lots (the split itself, the portfolio by account
 * and date, the realized-gains report) sees the transfer, so each account's lots are the ones it holds.
 * Main (FIFO): buys 10 AAPL at 100 (01-10) and 10 at 120 (02-01); moves 12 to Broker (03-01): the 100 lot and 2 of
 * the 120 lot. AAPL splits 2-for-1 on 04-01: Main 16 units, Broker 24. Broker sells 24 at 70 (05-02).
 */
describe('a transfer of units, then a split', () => {
  let t: TradingApp;
  let market: Store;
  let broker: Account;
  const record = (p: Record<string, unknown>) => t.call('activity:record', { idempotencyKey: key(), ...p });

  beforeEach(async () => {
    t = await tradingApp({ now: () => Date.parse('2024-06-28T12:00:00Z') });
    market = await openMarketStore(join(t.dir, 'market.db'));
    await t.call('instrument:add', AAPL);
    broker = await t.call<Account>('account:create', { name: 'Broker', kind: 'brokerage' });
    await record({ type: 'deposit', currency: 'USD', amount: '10000', date: '2024-01-02' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', date: '2024-01-10' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '120', date: '2024-02-01' });
    await t.call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-03-01', symbol: 'AAPL', quantity: '12', idempotencyKey: key() });
    await record({ type: 'split', symbol: 'AAPL', date: '2024-04-01', numerator: '2', denominator: '1' });
    await market.writer.write((db) => db.prepare(`INSERT OR REPLACE INTO daily_bars (symbol, date, source, currency, close) VALUES ('AAPL', '2024-04-30', 'yahoo', 'USD', '65')`).run());
  });
  afterEach(async () => {
    await market.close();
    await t.close();
  });

  it('splits each account\'s own units, and values each account by its own lots', async () => {
    const s = await t.call<PortfolioByAccount>('portfolio:snapshot', { asOf: '2024-04-30' });
    const byAccount = s.accounts.map((a) => [a.accountId === 'main' ? 'main' : 'broker', a.holdings.map((h) => `${h.symbol} ${h.quantity} ${h.cost} ${h.marketValue}`)]);
    // Main keeps 8 of the 120 lot (960.00), Broker the 100 lot (1000.00) and 2 of the 120 lot (240.00): units doubled, cost not.
    expect(byAccount).toEqual([
      ['main', ['AAPL 16 960.00 1040.00']],
      ['broker', ['AAPL 24 1240.00 1560.00']],
    ]);
  });

  it('realizes a later sell in the receiving account from the lots it received, in the new units', async () => {
    await record({ type: 'sell', symbol: 'AAPL', quantity: '24', price: '70', date: '2024-05-02', accountId: broker.id });
    const r = await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: [broker.id] });
    expect(r.rows.map((x) => [x.quantity, x.acquired, x.cost, x.proceeds])).toEqual([
      ['20', '2024-01-10', '1000.00', '1400.00'],
      ['4', '2024-02-01', '240.00', '280.00'],
    ]);
    expect((await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: ['main'] })).rows).toEqual([]);
  });
});
