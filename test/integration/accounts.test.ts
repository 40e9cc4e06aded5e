import { Database } from '../support/db-key.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import type { Account, Wallet } from '../../shared/contract/index.js';
import { key, ok, tempApp } from '../support/app.js';
import { auditProfileDb, profileDbFile } from '../support/ledger.js';

/** Accounts through dispatch on a real profile database: the channels, their refusals, and money per account. */
describe('accounts', () => {
  let app: App;
  let dir: string;
  let profileId: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ app, dir, cleanup } = await tempApp());
    profileId = (await ok<{ profile: { id: string } }>(app.dispatch('profile:create', { username: 'alice', password: 'correct horse' }))).profile.id;
  });
  afterEach(async () => cleanup());

  const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
    const r = await p;
    return r.ok ? 'ok' : r.error!.code;
  };

  it('a new profile has its default account, Main; accounts are created, renamed and archived', async () => {
    expect(await ok<Account[]>(app.dispatch('account:list', {}))).toEqual([
      { id: 'main', name: 'Main', kind: 'paper', institution: null, costMethod: 'fifo', archived: false, isDefault: true },
    ]);
    const ib = await ok<Account>(app.dispatch('account:create', { name: ' Broker ', kind: 'brokerage', institution: 'Interactive Brokers', costMethod: 'hifo' }));
    expect(ib).toMatchObject({ name: 'Broker', kind: 'brokerage', institution: 'Interactive Brokers', costMethod: 'hifo', archived: false, isDefault: false });
    const renamed = await ok<Account>(app.dispatch('account:update', { id: ib.id, name: 'IBKR', costMethod: 'average', institution: null }));
    expect(renamed).toMatchObject({ id: ib.id, name: 'IBKR', costMethod: 'average', institution: null });
    expect(await ok<Account>(app.dispatch('account:archive', { id: ib.id }))).toMatchObject({ archived: true });
    expect((await ok<Account[]>(app.dispatch('account:list', {}))).map((a) => a.name)).toEqual(['Main']);
    expect((await ok<Account[]>(app.dispatch('account:list', { includeArchived: true }))).map((a) => a.name)).toEqual(['Main', 'IBKR']);
  });

  it('refuses bad requests with stable codes and changes nothing', async () => {
    const ib = await ok<Account>(app.dispatch('account:create', { name: 'Broker', kind: 'brokerage' }));
    const before = await ok<Account[]>(app.dispatch('account:list', { includeArchived: true }));
    expect(await code(app.dispatch('account:create', { name: 'broker', kind: 'bank' }))).toBe('DUPLICATE');
    expect(await code(app.dispatch('account:create', { name: 'X', kind: 'casino' as 'bank' }))).toBe('INVALID_INPUT');
    expect(await code(app.dispatch('account:create', { name: '   ', kind: 'bank' }))).toBe('INVALID_INPUT');
    expect(await code(app.dispatch('account:update', { id: 'nope', name: 'Y' }))).toBe('NOT_FOUND');
    expect(await code(app.dispatch('account:update', { id: ib.id, name: 'MAIN' }))).toBe('DUPLICATE');
    expect(await code(app.dispatch('account:archive', { id: 'main' }))).toBe('IN_USE');
    expect(await ok<Account[]>(app.dispatch('account:list', { includeArchived: true }))).toEqual(before);
  });

  it('keeps wallets per account; a request without accountId goes to the default account', async () => {
    const ib = await ok<Account>(app.dispatch('account:create', { name: 'Broker', kind: 'brokerage' }));
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '100', idempotencyKey: key() }));
    await ok(app.dispatch('wallet:deposit', { accountId: ib.id, currency: 'USD', amount: '250.50', idempotencyKey: key() }));
    await ok(app.dispatch('wallet:withdraw', { accountId: ib.id, currency: 'USD', amount: '0.50', idempotencyKey: key() }));
    expect(await code(app.dispatch('wallet:withdraw', { currency: 'USD', amount: '100.01', idempotencyKey: key() }))).toBe('INSUFFICIENT_FUNDS');
    const all = await ok<Wallet[]>(app.dispatch('wallet:list', {}));
    expect(all.map((w) => [w.accountId, w.currency, w.balance])).toEqual([
      ['main', 'USD', '100.00'],
      [ib.id, 'USD', '250.00'],
    ]);
    expect((await ok<Wallet[]>(app.dispatch('wallet:list', { accountId: ib.id }))).map((w) => w.balance)).toEqual(['250.00']);
    expect((await ok<{ amount: string }[]>(app.dispatch('wallet:entries', { accountId: ib.id, currency: 'USD' }))).map((e) => e.amount)).toEqual(['-0.50', '250.50']);
    expect(await code(app.dispatch('account:archive', { id: ib.id }))).toBe('IN_USE');
    // The portfolio shows every account: one cash line per currency, the sum of the accounts' wallets.
    const snapshot = await ok<{ cash: { currency: string; balance: string }[]; warnings?: unknown }>(app.dispatch('portfolio:snapshot', {}));
    expect(snapshot.cash.map((c) => [c.currency, c.balance])).toEqual([['USD', '350.00']]);
    expect(await code(app.dispatch('wallet:deposit', { accountId: 'nope', currency: 'USD', amount: '1', idempotencyKey: key() }))).toBe('NOT_FOUND');

    await ok(app.dispatch('profile:logout', {}));
    const file = profileDbFile(dir, profileId);
    expect(auditProfileDb(file).problems).toEqual([]);
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT a.account_id AS activity, e.account_id AS entry, w.account_id AS wallet FROM activities a JOIN ledger_entries e ON e.activity_id = a.id JOIN wallets w ON w.id = e.wallet_id').all() as Record<string, string>[];
      expect(rows).toHaveLength(3);
      for (const r of rows) expect(new Set(Object.values(r)).size).toBe(1);
    } finally {
      db.close();
    }
  });

  it('takes no new money into an archived account', async () => {
    const ib = await ok<Account>(app.dispatch('account:create', { name: 'Old bank', kind: 'bank' }));
    await ok(app.dispatch('account:archive', { id: ib.id }));
    expect(await code(app.dispatch('wallet:deposit', { accountId: ib.id, currency: 'EUR', amount: '5', idempotencyKey: key() }))).toBe('INVALID_INPUT');
    expect(await ok<Wallet[]>(app.dispatch('wallet:list', { accountId: ib.id }))).toEqual([]);
  });

  it('transfers cash between accounts, in one currency or at the rate paid, both sides or neither', async () => {
    const ib = await ok<Account>(app.dispatch('account:create', { name: 'Broker', kind: 'brokerage' }));
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '1000', idempotencyKey: key() }));
    const k = key();
    const req = { fromAccountId: 'main', toAccountId: ib.id, date: '2024-03-01', currency: 'USD', amount: '400', idempotencyKey: k };
    const t = await ok<{ from: { amount: string }; to: { amount: string } }>(app.dispatch('account:transfer', req));
    expect([t.from.amount, t.to.amount]).toEqual(['-400.00', '400.00']);
    // A replay answers the same and moves nothing again.
    expect(await ok(app.dispatch('account:transfer', req))).toEqual(t);
    await ok(app.dispatch('account:transfer', { fromAccountId: ib.id, toAccountId: 'main', date: '2024-03-02', currency: 'USD', amount: '100', toCurrency: 'EUR', toAmount: '91.37', idempotencyKey: key() }));
    const before = await ok<Wallet[]>(app.dispatch('wallet:list', {}));
    expect(before.map((w) => [w.accountId === 'main' ? 'main' : 'ib', w.currency, w.balance])).toEqual([
      ['main', 'EUR', '91.37'],
      ['main', 'USD', '600.00'],
      ['ib', 'USD', '300.00'],
    ]);
    const refused = [
      { fromAccountId: ib.id, toAccountId: 'main', date: '2024-03-03', currency: 'USD', amount: '300.01', idempotencyKey: key() },
      { fromAccountId: ib.id, toAccountId: 'nope', date: '2024-03-03', currency: 'USD', amount: '1', idempotencyKey: key() },
      { fromAccountId: ib.id, toAccountId: ib.id, date: '2024-03-03', currency: 'USD', amount: '1', idempotencyKey: key() },
      { fromAccountId: ib.id, toAccountId: 'main', date: '2024-03-03', currency: 'USD', amount: '1.001', idempotencyKey: key() },
      { fromAccountId: ib.id, toAccountId: 'main', date: '2999-01-01', currency: 'USD', amount: '1', idempotencyKey: key() },
      { fromAccountId: ib.id, toAccountId: 'main', date: '2024-03-03', symbol: 'AAPL', quantity: '1', idempotencyKey: key() },
      { fromAccountId: ib.id, toAccountId: 'main', date: '2024-03-03', currency: 'USD', amount: '1', symbol: 'AAPL', idempotencyKey: key() },
      { ...req, amount: '401' },
    ];
    expect(await Promise.all(refused.map((r) => code(app.dispatch('account:transfer', r as never))))).toEqual([
      'INSUFFICIENT_FUNDS', 'NOT_FOUND', 'INVALID_INPUT', 'INVALID_AMOUNT', 'INVALID_INPUT', 'NOT_FOUND', 'INVALID_INPUT', 'IDEMPOTENCY_CONFLICT',
    ]);
    expect(await ok<Wallet[]>(app.dispatch('wallet:list', {}))).toEqual(before);
    await ok(app.dispatch('profile:logout', {}));
    expect(auditProfileDb(profileDbFile(dir, profileId)).problems).toEqual([]);
  });
});
