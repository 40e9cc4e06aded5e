import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, ActivityView, HistoryEntry } from '../../shared/contract/index.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `list-accounts-${process.pid}-${++k}`;

/**
 * activity:list names each row's account and, for a move between two accounts of the profile (a transfer of units,
 * or a cash transfer: a withdrawal and its deposit written together by account:transfer), where it came from and
 * went to, so the Activity page can say so instead of a payment of $0.00. Withdrawals and deposits recorded on their
 * own are no transfer, even on the same day.
 */
describe('activity:list and moves between accounts', () => {
  let t: TradingApp;
  let broker: Account;
  const record = (p: Record<string, unknown>) => t.call<ActivityView>('activity:record', { idempotencyKey: key(), ...p });
  const list = () => t.call<ActivityView[]>('activity:list', {});
  const shape = (a: ActivityView) => [a.type, a.accountId === 'main' ? 'main' : 'broker', a.transfer ? `${a.transfer.fromAccountId === 'main' ? 'main' : 'broker'}→${a.transfer.toAccountId === 'main' ? 'main' : 'broker'}` : null];

  beforeEach(async () => {
    t = await tradingApp();
    await t.call('instrument:add', AAPL);
    broker = await t.call<Account>('account:create', { name: 'Broker', kind: 'brokerage' });
    await record({ type: 'deposit', currency: 'USD', amount: '5000', date: '2024-01-02' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', date: '2024-01-03' });
  });
  afterEach(async () => t.close());

  it('a transfer of units and one of cash name both accounts on both rows', async () => {
    await t.call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-02-01', symbol: 'AAPL', quantity: '4', idempotencyKey: key() });
    await t.call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-02-02', currency: 'USD', amount: '250', idempotencyKey: key() });
    await t.call('account:transfer', { fromAccountId: broker.id, toAccountId: 'main', date: '2024-02-03', currency: 'USD', amount: '50', note: 'back', idempotencyKey: key() });
    expect((await list()).map(shape)).toEqual([
      ['deposit', 'main', 'broker→main'],
      ['withdrawal', 'broker', 'broker→main'],
      ['deposit', 'broker', 'main→broker'],
      ['withdrawal', 'main', 'main→broker'],
      ['transfer-in', 'broker', 'main→broker'],
      ['transfer-out', 'main', 'main→broker'],
      ['buy', 'main', null],
      ['deposit', 'main', null],
    ]);
    // One row alone answers the same (the activity list's pages may split a pair).
    const [, , , withdrawal] = await list();
    const page = await t.call<ActivityView[]>('activity:list', { limit: 1, before: (await list())[2]!.id });
    expect(page.map(shape)).toEqual([shape(withdrawal!)]);
  });

  it('a withdrawal and a deposit recorded one after the other are no transfer, whatever their accounts', async () => {
    await record({ type: 'withdrawal', currency: 'USD', amount: '10', date: '2024-02-01' });
    await record({ type: 'deposit', currency: 'USD', amount: '10', date: '2024-02-01', accountId: broker.id });
    expect((await list()).slice(0, 2).map(shape)).toEqual([
      ['deposit', 'broker', null],
      ['withdrawal', 'main', null],
    ]);
  });

  it('a withdrawal and a deposit of the same amount, day and instant in two accounts are no transfer', async () => {
    // A clock that ticks coarsely (or requests within one tick) gives two separate requests one instant.
    await t.close();
    const instant = Date.parse('2024-02-01T09:30:00.000Z');
    t = await tradingApp({ now: () => instant });
    await t.call('instrument:add', AAPL);
    broker = await t.call<Account>('account:create', { name: 'Broker', kind: 'brokerage' });
    await record({ type: 'deposit', currency: 'USD', amount: '5000', date: '2024-01-02' });
    await record({ type: 'withdrawal', currency: 'USD', amount: '100', date: '2024-02-01' });
    await record({ type: 'deposit', currency: 'USD', amount: '100', date: '2024-02-01', accountId: broker.id });
    const [deposit, withdrawal] = await list();
    expect([deposit!.createdAt, withdrawal!.createdAt]).toEqual([new Date(instant).toISOString(), new Date(instant).toISOString()]);
    expect([deposit, withdrawal].map((a) => shape(a!))).toEqual([
      ['deposit', 'broker', null],
      ['withdrawal', 'main', null],
    ]);
    // A transfer at that same instant is one, by its marker.
    await t.call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-02-01', currency: 'USD', amount: '100', idempotencyKey: key() });
    expect((await list()).slice(0, 4).map(shape)).toEqual([
      ['deposit', 'broker', 'main→broker'],
      ['withdrawal', 'main', 'main→broker'],
      ['deposit', 'broker', null],
      ['withdrawal', 'main', null],
    ]);
    // The History page's rows say the same.
    const history = await t.call<{ rows: HistoryEntry[] }>('history:page', { filter: {}, sort: { column: 'date', direction: 'desc' }, offset: 0, limit: 4 });
    expect(history.rows.map((e) => [e.type, e.accountId === 'main' ? 'main' : 'broker', e.transfer ? `${e.transfer.fromAccountId === 'main' ? 'main' : 'broker'}→${e.transfer.toAccountId === 'main' ? 'main' : 'broker'}` : null])).toEqual([
      ['deposit', 'broker', 'main→broker'],
      ['withdrawal', 'main', 'main→broker'],
      ['deposit', 'broker', null],
      ['withdrawal', 'main', null],
    ]);
  });

  it('a corporate action names no account', async () => {
    await record({ type: 'split', symbol: 'AAPL', date: '2024-03-01', numerator: '2', denominator: '1' });
    const [split] = await list();
    expect([split!.type, split!.accountId, split!.transfer]).toEqual(['split', undefined, undefined]);
  });
});
