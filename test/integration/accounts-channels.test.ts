import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, HistoryEntry, OrderView, Wallet } from '../../shared/contract/index.js';
import { parse } from 'csv-parse/sync';
import { exportTo, readText } from '../support/history-io.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `acct-channels-${process.pid}-${++k}`;

/**
 * `accountId` on orders:place (a paper account on the paper venue), and the account filter of history:* and
 * export:start (whose rows carry the account), on a real profile with a real feed.
 */
describe('accounts on orders, history and export', () => {
  let t: TradingApp;
  let paper: Account;
  let broker: Account;
  beforeEach(async () => {
    t = await tradingApp();
    await t.call('instrument:add', AAPL);
    paper = await t.call<Account>('account:create', { name: 'Paper 2', kind: 'paper' });
    broker = await t.call<Account>('account:create', { name: 'Broker', kind: 'brokerage' });
    await t.call('wallet:deposit', { currency: 'USD', amount: '1000', idempotencyKey: key() });
    await t.call('wallet:deposit', { accountId: paper.id, currency: 'USD', amount: '5000', idempotencyKey: key() });
    await t.call('wallet:deposit', { accountId: broker.id, currency: 'USD', amount: '700', idempotencyKey: key() });
    await t.setPrice('AAPL', '100');
  });
  afterEach(async () => t.close());

  const balances = async () =>
    (await t.call<Wallet[]>('wallet:list', {})).map((w) => [w.accountId === 'main' ? 'main' : w.accountId === paper.id ? 'paper' : 'broker', w.balance, w.reserved]);

  it('an order pays from and delivers to the account it names; the default account without one', async () => {
    const bought = await t.call<OrderView>('orders:place', { accountId: paper.id, symbol: 'AAPL', side: 'buy', type: 'market', quantity: '20', idempotencyKey: key() });
    expect(bought.state).toBe('filled');
    const after = await balances();
    expect(after.find((b) => b[0] === 'main')![1]).toBe('1000.00');
    expect(after.find((b) => b[0] === 'paper')![1]).toBe(`${(5000 - Number(bought.total)).toFixed(2)}`);
    // A limit sell reserves the paper account's units; the default account holds none to sell.
    expect((await t.refused('orders:place', { symbol: 'AAPL', side: 'sell', type: 'limit', quantity: '1', limitPrice: '500', idempotencyKey: key() })).code).toBe('INSUFFICIENT_HOLDING');
    const open = await t.call<OrderView>('orders:place', { accountId: paper.id, symbol: 'AAPL', side: 'sell', type: 'limit', quantity: '5', limitPrice: '500', idempotencyKey: key() });
    expect(open.state).toBe('open');
    const quote = await t.call<{ holding: { quantity: string; reserved: string } }>('orders:quote', { accountId: paper.id, symbol: 'AAPL', side: 'sell', type: 'limit', limitPrice: '500' });
    expect(quote.holding).toMatchObject({ quantity: '20', reserved: '5' });
    // A limit buy reserves the paper account's cash; cancelling releases it there.
    const buy = await t.call<OrderView>('orders:place', { accountId: paper.id, symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', limitPrice: '50', idempotencyKey: key() });
    expect((await balances()).find((b) => b[0] === 'paper')![2]).toBe(buy.reserved);
    await t.call('orders:cancel', { id: buy.id, idempotencyKey: key() });
    await t.call('orders:cancel', { id: open.id, idempotencyKey: key() });
    expect((await balances()).find((b) => b[0] === 'paper')![2]).toBe('0.00');
    const q2 = await t.call<{ holding: { reserved: string } }>('orders:quote', { accountId: paper.id, symbol: 'AAPL', side: 'sell', type: 'limit', limitPrice: '500' });
    expect(q2.holding.reserved).toBe('0');
    const defaultBuy = await t.call<OrderView>('orders:place', { symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1', idempotencyKey: key() });
    expect((await balances()).find((b) => b[0] === 'main')![1]).toBe(`${(1000 - Number(defaultBuy.total)).toFixed(2)}`);
  });

  it('refuses an order for an account that is not a paper one, or unknown, and changes nothing', async () => {
    const before = await balances();
    const orders = (await t.call<OrderView[]>('orders:list', {})).length;
    const place = (accountId: string) => t.refused('orders:place', { accountId, symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1', idempotencyKey: key() });
    expect((await place(broker.id)).code).toBe('ACCOUNT_NOT_PAPER');
    expect((await place('nope')).code).toBe('NOT_FOUND');
    expect(await balances()).toEqual(before);
    expect((await t.call<OrderView[]>('orders:list', {})).length).toBe(orders);
  });

  it('history and its export show one account, several, or all; each row carries its account', async () => {
    await t.call('orders:place', { accountId: paper.id, symbol: 'AAPL', side: 'buy', type: 'market', quantity: '2', idempotencyKey: key() });
    const page = (filter: object) =>
      t.call<{ rows: HistoryEntry[] }>('history:page', { filter, sort: { column: 'date', direction: 'asc' }, offset: 0, limit: 100 }).then((r) => r.rows);
    const all = await page({});
    expect(all).toHaveLength(4);
    const ofPaper = await page({ accountId: paper.id });
    expect(ofPaper.map((r) => [r.type, r.accountId])).toEqual([
      ['deposit', paper.id],
      ['buy', paper.id],
    ]);
    expect((await page({ accountIds: ['main', broker.id] })).map((r) => r.accountId).sort()).toEqual(['main', broker.id].sort());
    expect((await t.call<{ entries: number }>('history:summary', { filter: { accountId: paper.id } })).entries).toBe(2);
    expect((await t.call<{ entries: number }>('history:summary', { filter: { accountIds: [broker.id], types: ['deposit'] } })).entries).toBe(1);
    expect((await t.call<{ entries: number }>('history:summary', { filter: {} })).entries).toBe(4);

    const exported = await exportTo(t.app, { accountId: paper.id }, 'csv');
    const rows = parse(readText(exported.path!).replace(/^\uFEFF/, '')) as string[][];
    const header = rows[0]!;
    const at = header.indexOf('accountId');
    expect(at).toBeGreaterThan(0);
    expect(rows.slice(1).filter((r) => r.length > 1).map((r) => [r[header.indexOf('type')], r[at]])).toEqual([
      ['buy', paper.id],
      ['deposit', paper.id],
    ]);
  });
});
