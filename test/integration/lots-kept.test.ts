import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/contract/index.js';
import type { LotBook } from '../../shared/lots/index.js';
import { AccountService } from '../../main/accounts/service.js';
import { ActivityService } from '../../main/activities/service.js';
import { clearLedger } from '../../main/ledger/clear.js';
import { LotsService } from '../../main/lots/service.js';
import { readAccountBook } from '../../main/portfolio/by-account.js';
import { BY_ACCOUNT_SQL } from '../../main/portfolio/repo.js';
import type { Store } from '../../main/store/data-source.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { testKey } from '../support/db-key.js';

const TODAY = '2024-12-31';
let n = 0;
const key = () => `lots-kept-${process.pid}-${++n}`;

/** Everything a book holds, as text: what a kept book and a fresh replay must agree on exactly. */
function contents(book: LotBook) {
  return {
    holdings: book.holdings().map((h) => `${h.accountId} ${h.symbol} ${h.currency} ${h.quantity.toFixed()} ${h.cost.toFixed()}`).sort(),
    // Oldest first within each (account, instrument); the positions in any order.
    open: book
      .open()
      .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.symbol.localeCompare(b.symbol))
      .map((l) => `${l.accountId} ${l.symbol} ${l.id} ${l.acquired} ${l.quantity.toFixed()} ${l.cost.toFixed()}`),
    // In the order of the sells within each account's instrument (an instrument or accounts replayed on their own
    // come after the others).
    closed: [...book.closed]
      .sort((a, b) => a.symbol.localeCompare(b.symbol) || a.accountId.localeCompare(b.accountId))
      .map((c) => `${c.accountId} ${c.symbol} ${c.sellId} ${c.lotId} ${c.acquired} ${c.sold} ${c.quantity.toFixed()} ${c.cost.toFixed()} ${c.proceeds.toFixed()} ${c.fees.toFixed()}`),
  };
}

/**
 * The lots book kept between requests (main/lots/service.ts) on a real profile database, written through the real
 * ledger: after every kind of write it holds exactly what a fresh replay of the whole log holds, and it replays only
 * when what was written could sort before what it already applied.
 */
describe('the kept lots book', () => {
  let dir: string;
  let store: Store;
  let activities: ActivityService;
  let accounts: AccountService;
  let broker: Account;
  const kept = new LotsService();
  const record = (p: Record<string, unknown>) => activities.record({ idempotencyKey: key(), ...p } as Parameters<ActivityService['record']>[0]);
  /** The kept book against a fresh replay, and how the kept one was brought up to date. */
  const check = async (build: string, date?: string) => {
    const [mine, fresh] = await store.writer.read((db) => [contents(kept.book(db, date).book), contents(new LotsService().book(db, date).book)]);
    expect(mine).toEqual(fresh);
    expect(kept.build).toBe(build);
    return mine;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-lots-kept-'));
    store = await openProfileStore(join(dir, 'bourse.db'), testKey);
    await store.writer.write((db) => {
      const add = db.prepare(`INSERT INTO instruments (symbol, name, asset_class, quote_currency, created_at, updated_at) VALUES (?, ?, 'stock', 'USD', 'x', 'x')`);
      add.run('AAPL', 'Apple');
      add.run('MSFT', 'Microsoft');
      add.run('MSFX', 'Microsoft, renamed');
    });
    activities = new ActivityService(store, () => TODAY);
    accounts = new AccountService(store, () => TODAY);
    broker = await accounts.create({ name: 'Broker', kind: 'brokerage', costMethod: 'lifo' });
    await record({ type: 'deposit', currency: 'USD', amount: '100000', date: '2023-01-02' });
    await record({ type: 'deposit', currency: 'USD', amount: '100000', date: '2023-01-02', accountId: broker.id });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies what sorts after it, and replays the instruments of what sorts before', async () => {
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', fee: '1', date: '2024-01-02' });
    await check('replayed');
    await check('kept');
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '120', date: '2024-02-01' });
    await record({ type: 'deposit', currency: 'USD', amount: '5', date: '2024-02-01' });
    await check('appended');
    await record({ type: 'sell', symbol: 'AAPL', quantity: '5', price: '130', fee: '0.5', date: '2024-03-01' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '3', price: '131', date: '2024-03-01' });
    expect((await check('appended')).closed).toHaveLength(1);
    // Dated before the sell: under FIFO the sell now closes this lot. Applied at the end, it would not.
    await record({ type: 'buy', symbol: 'AAPL', quantity: '4', price: '50', date: '2023-12-01' });
    const after = await check('replayed-instruments');
    expect(after.closed[0]).toContain(' 2023-12-01 2024-03-01 4 ');
    // A split on the book's last date goes before that date's trades: AAPL replayed; one dated after it is appended.
    await record({ type: 'split', symbol: 'AAPL', numerator: '2', denominator: '1', date: '2024-03-01' });
    await check('replayed-instruments');
    await record({ type: 'split', symbol: 'AAPL', numerator: '3', denominator: '1', date: '2024-04-01' });
    await check('appended');
    await record({ type: 'buy', symbol: 'MSFT', quantity: '7', price: '300', date: '2024-04-01', accountId: broker.id });
    await accounts.transfer({ fromAccountId: 'main', toAccountId: broker.id, date: '2024-05-02', idempotencyKey: key(), symbol: 'AAPL', quantity: '6' });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '1', price: '45', date: '2024-05-03', accountId: broker.id });
    const moved = await check('appended');
    expect(moved.holdings.filter((h) => h.startsWith(`${broker.id} AAPL USD 5 `))).toHaveLength(1);
    expect(moved.holdings.filter((h) => h.startsWith('main AAPL USD 132 '))).toHaveLength(1);
    // Back-dated in another instrument than the last ones: MSFT alone is replayed, AAPL's lots stay as they are.
    await record({ type: 'buy', symbol: 'MSFT', quantity: '1', price: '250', date: '2024-03-15', accountId: broker.id });
    await record({ type: 'sell', symbol: 'MSFT', quantity: '2', price: '320', date: '2024-04-02', accountId: broker.id });
    expect((await check('replayed-instruments')).closed.filter((c) => c.includes(' MSFT '))).toHaveLength(1); // LIFO: the 04-01 lot
    // An instrument a symbol change touched is not replayed on its own: the whole log is.
    await record({ type: 'symbol-change', symbol: 'MSFT', newSymbol: 'MSFX', date: '2024-06-01' });
    await check('appended');
    await record({ type: 'buy', symbol: 'MSFT', quantity: '1', price: '330', date: '2024-05-02', accountId: broker.id });
    await check('replayed');
  });

  it('replays after a change of method and after the log was cleared', async () => {
    await record({ type: 'buy', symbol: 'MSFT', quantity: '2', price: '200', date: '2024-01-02', accountId: broker.id });
    await record({ type: 'buy', symbol: 'MSFT', quantity: '2', price: '300', date: '2024-01-03', accountId: broker.id });
    await record({ type: 'sell', symbol: 'MSFT', quantity: '1', price: '310', date: '2024-01-04', accountId: broker.id });
    expect((await check('replayed')).closed[0]).toContain(' 2024-01-03 2024-01-04 1 300 '); // LIFO
    await accounts.update({ id: broker.id, costMethod: 'fifo' });
    expect((await check('replayed-accounts')).closed[0]).toContain(' 2024-01-02 2024-01-04 1 200 ');
    await store.writer.write((db) => clearLedger(db));
    await record({ type: 'deposit', currency: 'USD', amount: '1000', date: '2024-06-01' });
    await record({ type: 'buy', symbol: 'AAPL', quantity: '1', price: '10', date: '2024-06-02' });
    const cleared = await check('replayed');
    expect(cleared.holdings).toEqual(['main AAPL USD 1 10']);
    expect(cleared.closed).toEqual([]);
  });

  it('replays only the accounts linked to an account whose method changed', async () => {
    const bank = await accounts.create({ name: 'Bank', kind: 'bank', costMethod: 'fifo' });
    await record({ type: 'deposit', currency: 'USD', amount: '100000', date: '2023-01-02', accountId: bank.id });
    for (const [id, price, date] of [['main', '100', '2024-01-02'], ['main', '150', '2024-01-03'], [bank.id, '10', '2024-01-02'], [bank.id, '30', '2024-01-03']] as const) {
      await record({ type: 'buy', symbol: 'AAPL', quantity: '4', price, date, accountId: id });
    }
    await accounts.transfer({ fromAccountId: 'main', toAccountId: broker.id, date: '2024-02-01', idempotencyKey: key(), symbol: 'AAPL', quantity: '5' });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '2', price: '200', date: '2024-03-01', accountId: broker.id });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '1', price: '40', date: '2024-03-01', accountId: bank.id });
    await record({ type: 'split', symbol: 'AAPL', numerator: '2', denominator: '1', date: '2024-04-01' });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '1', price: '20', date: '2024-05-01', accountId: bank.id });
    await check('replayed');
    // Bank is linked to nothing: its lots alone are replayed (LIFO closes the 30s, the split's halves of them).
    await accounts.update({ id: bank.id, costMethod: 'lifo' });
    const lifo = await check('replayed-accounts');
    expect(lifo.closed.filter((c) => c.startsWith(bank.id)).map((c) => c.split(' ').slice(4, 9).join(' '))).toEqual(['2024-01-03 2024-03-01 1 30 40', '2024-01-03 2024-05-01 1 15 20']);
    // Main's method decides which lots moved to Broker, and so what Broker's sell closed: both are replayed.
    await accounts.update({ id: 'main', costMethod: 'lifo' });
    const moved = await check('replayed-accounts');
    expect(moved.closed.filter((c) => c.startsWith(broker.id)).map((c) => c.split(' ').slice(4, 9).join(' '))).toEqual(['2024-01-03 2024-03-01 2 300 400']);
    // A new account changes no lots; a method changed with a row written since replays the whole log.
    await accounts.create({ name: 'Later', kind: 'other', costMethod: 'hifo' });
    await check('kept');
    await accounts.update({ id: bank.id, costMethod: 'hifo' });
    await record({ type: 'deposit', currency: 'USD', amount: '1', date: '2024-06-01' });
    await check('replayed');
  });

  it('keeps a book as of an earlier day until the log or the day changes', async () => {
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', date: '2024-01-02' });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '4', price: '110', date: '2024-02-02' });
    expect((await check('replayed-to-date', '2024-01-31')).holdings).toEqual(['main AAPL USD 10 1000']);
    await check('kept', '2024-01-31');
    await check('replayed-to-date', '2024-02-01');
    await check('replayed', '2024-12-31'); // on or after the last date: the whole log's book
    await check('kept');
    await record({ type: 'buy', symbol: 'AAPL', quantity: '1', price: '90', date: '2024-03-02' });
    await check('replayed-to-date', '2024-02-01');
  });

  it('reads cash from the wallets only when no entry is dated after the day, with the same sums', async () => {
    await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', fee: '1', date: '2024-01-02' });
    await record({ type: 'dividend', currency: 'USD', amount: '3.21', symbol: 'AAPL', date: '2024-03-01' });
    await record({ type: 'deposit', currency: 'EUR', amount: '50', date: '2024-04-01', accountId: broker.id });
    const cash = (date: string) =>
      store.writer.read((db) => {
        const viaBook = readAccountBook(db, date, kept).cash;
        const sums = new Map<string, string>();
        for (const [account, m] of viaBook) for (const [currency, v] of m) sums.set(`${account} ${currency}`, v.toFixed(2));
        // The ledger's entries summed by SQL text, the definition the wallet read must agree with.
        const entries = db.prepare(BY_ACCOUNT_SQL.cash).all(date) as { account_id: string; currency: string; amount: string }[];
        return { sums, entries: entries.length };
      });
    const now = await cash(TODAY);
    expect([...now.sums].sort()).toEqual([
      [`${broker.id} EUR`, '50.00'],
      [`${broker.id} USD`, '100000.00'],
      ['main USD', '99002.21'],
    ]);
    // Before the dividend and the EUR deposit: the entries dated up to the day, not the wallets' balances.
    const earlier = await cash('2024-02-15');
    expect([...earlier.sums].sort()).toEqual([
      [`${broker.id} USD`, '100000.00'],
      ['main USD', '98999.00'],
    ]);
  });

  it('is replayed ahead in slices, and kept unless stopped', async () => {
    for (let i = 0; i < 7; i++) await record({ type: 'buy', symbol: 'AAPL', quantity: '1', price: String(100 + i), date: `2024-01-0${i + 1}` });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '3', price: '120', date: '2024-01-08' });
    const stopped = new LotsService();
    let slices = 0;
    await stopped.warm((work) => store.writer.read(work), () => ++slices < 2, 2);
    expect(slices).toBe(2);
    await store.writer.read((db) => stopped.book(db));
    expect(stopped.build).toBe('replayed');

    const ahead = new LotsService();
    await ahead.warm((work) => store.writer.read(work), () => true, 2);
    await record({ type: 'buy', symbol: 'AAPL', quantity: '2', price: '90', date: '2024-01-10' });
    const [mine, fresh] = await store.writer.read((db) => [contents(ahead.book(db).book), contents(new LotsService().book(db).book)]);
    expect(ahead.build).toBe('appended');
    expect(mine).toEqual(fresh);
    expect(mine.closed).toHaveLength(3);
  });
});
