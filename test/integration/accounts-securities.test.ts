import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, ActivityView, RealizedReport } from '../../shared/contract/index.js';
import { auditProfileDb, profileDbFile } from '../support/ledger.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';
import { Database } from '../support/db-key.js';

let k = 0;
const key = () => `units-transfer-${process.pid}-${++k}`;

interface Positions {
  [account: string]: string;
}

/**
 * Securities transfers between accounts (account:transfer with symbol + quantity) on a real profile: units move with
 * their lots, acquisition dates and cost, nothing is realized, no cash moves; refusals change nothing.
 */
describe('account:transfer of units', () => {
  let t: TradingApp;
  let broker: Account;
  const record = (p: Record<string, unknown>) => t.call<ActivityView>('activity:record', { idempotencyKey: key(), ...p });
  beforeEach(async () => {
    t = await tradingApp();
    await t.call('instrument:add', AAPL);
    broker = await t.call<Account>('account:create', { name: 'Broker', kind: 'brokerage' });
    await record({ type: 'deposit', currency: 'USD', amount: '10000', date: '2023-01-02' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', fee: '1', date: '2023-01-04' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '150', fee: '1', date: '2024-02-01' });
  });
  afterEach(async () => t.close());

  /** Units held per account, read from the positions table. */
  async function positions(): Promise<Positions> {
    const file = profileDbFile(t.dir, await profileId());
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare("SELECT account_id, quantity FROM positions WHERE symbol = 'AAPL'").all() as { account_id: string; quantity: string }[];
      return Object.fromEntries(rows.map((r) => [r.account_id === 'main' ? 'main' : 'broker', r.quantity]));
    } finally {
      db.close();
    }
  }
  async function profileId(): Promise<string> {
    return (await t.call<{ id: string }[]>('profile:list', {}))[0]!.id;
  }

  it('moves units with their acquisition dates and cost; a later sell in the other account realizes from them', async () => {
    const req = { fromAccountId: 'main', toAccountId: broker.id, date: '2024-03-01', symbol: 'AAPL', quantity: '12', idempotencyKey: key() };
    const moved = await t.call<{ from: ActivityView; to: ActivityView }>('account:transfer', req);
    expect([moved.from.type, moved.from.quantity, moved.from.amount, moved.to.type, moved.to.quantity, moved.to.amount]).toEqual([
      'transfer-out', '-12', '0.00', 'transfer-in', '12', '0.00',
    ]);
    // A replay answers the same and moves nothing again.
    expect(await t.call('account:transfer', req)).toEqual(moved);
    expect(await positions()).toEqual({ main: '8', broker: '12' });
    // Nothing is realized by the transfer, and the cash did not move.
    expect((await t.call<RealizedReport>('report:realized', { year: 2024 })).rows).toEqual([]);
    const wallets = await t.call<{ accountId: string; balance: string }[]>('wallet:list', {});
    expect(wallets.map((w) => [w.accountId === 'main' ? 'main' : 'broker', w.balance])).toEqual([['main', '7498.00']]);
    // The whole portfolio is unchanged by a move between its accounts: 20 units, cost 2502.00.
    const snap = await t.call<{ holdings: { symbol: string; quantity: string; totalCost: string }[] }>('portfolio:snapshot', {});
    expect(snap.holdings.map((h) => [h.symbol, h.quantity, h.totalCost])).toEqual([['AAPL', '20', '2502.00']]);

    // FIFO moved all of the 2023 lot (10 at 1001.00) and 2 of the 2024 lot (2/10 of 1501.00 = 300.20).
    await record({ type: 'sell', symbol: 'AAPL', quantity: '12', price: '200', date: '2024-06-03', accountId: broker.id });
    const r = await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: [broker.id] });
    expect(r.rows.map((x) => [x.quantity, x.acquired, x.cost, x.proceeds, x.gain, x.term])).toEqual([
      ['10', '2023-01-04', '1001.00', '2000.00', '999.00', 'long'],
      ['2', '2024-02-01', '300.20', '400.00', '99.80', 'short'],
    ]);
    expect(await positions()).toEqual({ main: '8', broker: '0' });
    expect((await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: ['main'] })).rows).toEqual([]);
    const history = await t.call<ActivityView[]>('activity:list', {});
    // No words are stored for a transfer the user gave no note: the rows name both accounts, the pages say it.
    const between = { fromAccountId: 'main', toAccountId: broker.id };
    expect(history.filter((a) => a.type.startsWith('transfer')).map((a) => [a.type, a.symbol, a.note, a.transfer])).toEqual(
      expect.arrayContaining([
        ['transfer-out', 'AAPL', null, between],
        ['transfer-in', 'AAPL', null, between],
      ]),
    );
  });

  it('refuses bad transfers of units with stable codes and changes nothing', async () => {
    await t.call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-03-01', symbol: 'AAPL', quantity: '1', idempotencyKey: key() });
    const before = await positions();
    const activities = (await t.call<ActivityView[]>('activity:list', {})).length;
    const base = { fromAccountId: 'main', toAccountId: broker.id, date: '2024-03-02', symbol: 'AAPL' };
    const refused = [
      { ...base, quantity: '19.5' }, // 19 held
      { ...base, quantity: '1.0000001' }, // a stock has 6 decimals
      { ...base, quantity: '0' },
      { ...base, symbol: 'MSFT', quantity: '1' },
      { ...base, toAccountId: 'nope', quantity: '1' },
      { ...base, toAccountId: 'main', quantity: '1' },
      { ...base, date: '2999-01-01', quantity: '1' },
      { ...base, quantity: '1', currency: 'USD' },
    ];
    const codes = [];
    for (const r of refused) codes.push((await t.refused('account:transfer', { ...r, idempotencyKey: key() })).code);
    expect(codes).toEqual(['INSUFFICIENT_HOLDING', 'INVALID_AMOUNT', 'INVALID_INPUT', 'NOT_FOUND', 'NOT_FOUND', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT']);
    expect(await positions()).toEqual(before);
    expect((await t.call<ActivityView[]>('activity:list', {})).length).toBe(activities);
  });

  it('keeps units on sale out of a transfer', async () => {
    await t.setPrice('AAPL', '150');
    await t.call('orders:place', { symbol: 'AAPL', side: 'sell', type: 'limit', quantity: '15', limitPrice: '900', idempotencyKey: key() });
    expect((await t.refused('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-03-02', symbol: 'AAPL', quantity: '6', idempotencyKey: key() })).code).toBe('INSUFFICIENT_HOLDING');
    await t.call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-03-02', symbol: 'AAPL', quantity: '5', idempotencyKey: key() });
    expect(await positions()).toEqual({ main: '15', broker: '5' });
    const id = await profileId();
    await t.call('profile:logout', {});
    expect(auditProfileDb(profileDbFile(t.dir, id)).problems).toEqual([]);
  });
});
