import { Database } from '../support/db-key.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import type { Result } from '../../shared/errors.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { key, ok, tempApp } from '../support/app.js';
import { auditProfileDb, profileDbFile } from '../support/ledger.js';

type MoneyResult = { entry: { id: number; amount: string; balanceAfter: string }; balance: string };

/** Sums a wallet's entries straight from the profile's SQLite file, with decimal.js (never SQL SUM over TEXT). */
function ledgerSum(file: string, currency: string): { sum: string; balance: string; n: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const w = db.prepare('SELECT id, balance FROM wallets WHERE currency = ?').get(currency) as { id: number; balance: string };
    const rows = db.prepare('SELECT amount FROM ledger_entries WHERE wallet_id = ?').all(w.id) as { amount: string }[];
    let sum = new D(0);
    for (const r of rows) sum = sum.plus(r.amount);
    return { sum: sum.toFixed(), balance: w.balance, n: rows.length };
  } finally {
    db.close();
  }
}

describe('concurrent money requests through dispatch', () => {
  let app: App;
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;
  const errors: unknown[] = [];
  beforeEach(async () => {
    ({ app, dir, cleanup } = await tempApp());
    const s = await ok<{ profile: { id: string } }>(
      app.dispatch('profile:create', { username: 'racer', password: 'correct horse' }),
    );
    file = profileDbFile(dir, s.profile.id);
  });
  afterEach(async () => {
    await cleanup();
    errors.length = 0;
  });

  it('200 withdrawals asking for twice the balance: exactly floor(balance/amount) succeed', async () => {
    const balance = '123.45';
    const amount = '1.23';
    const fits = new D(balance).dividedToIntegerBy(amount).toNumber(); // 100
    expect(fits).toBe(100);
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: balance, idempotencyKey: key('fund') }));

    const results: Result<unknown>[] = await Promise.all(
      Array.from({ length: 200 }, () =>
        app.dispatch('wallet:withdraw', { currency: 'USD', amount, idempotencyKey: key('w') }),
      ),
    );
    const okOnes = results.filter((r): r is { ok: true; data: MoneyResult } => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(okOnes).toHaveLength(fits);
    expect(refused).toHaveLength(200 - fits);
    for (const r of refused) expect(!r.ok && r.error.code).toBe('INSUFFICIENT_FUNDS');

    // Each success saw a distinct, non-negative balance: 123.45 - k*1.23 for k = 1..100, each exactly once.
    const seen = okOnes.map((r) => r.data.balance).sort((a, b) => new D(a).comparedTo(b));
    const want = Array.from({ length: fits }, (_, k) => new D(balance).minus(new D(amount).times(k + 1)).toFixed(2)).sort(
      (a, b) => new D(a).comparedTo(b),
    );
    expect(seen).toEqual(want);
    for (const r of okOnes) expect(new D(r.data.balance).isNegative()).toBe(false);

    const wallets = await ok<{ currency: string; balance: string }[]>(app.dispatch('wallet:list', {}));
    expect(wallets).toEqual([expect.objectContaining({ currency: 'USD', balance: '0.45' })]);
    const direct = ledgerSum(file, 'USD');
    expect(direct.balance).toBe('0.45');
    expect(new D(direct.sum).equals(direct.balance)).toBe(true);
    expect(direct.n).toBe(1 + fits);
    expect(auditProfileDb(file).problems).toEqual([]);
  });

  it('interleaved deposits, withdrawals, opens and reads on several wallets stay consistent', async () => {
    await ok(app.dispatch('wallet:deposit', { currency: 'JPY', amount: '1000', idempotencyKey: key('fund') }));
    await ok(app.dispatch('wallet:deposit', { currency: 'EUR', amount: '10.00', idempotencyKey: key('fund') }));
    const calls: Promise<Result<unknown>>[] = [];
    for (let i = 0; i < 300; i++) {
      const ccy = i % 2 ? 'JPY' : 'EUR';
      const amt = ccy === 'JPY' ? String(1 + (i % 37)) : `0.${String(1 + (i % 97)).padStart(2, '0')}`;
      const ch = i % 3 === 0 ? 'wallet:deposit' : 'wallet:withdraw';
      calls.push(app.dispatch(ch, { currency: ccy, amount: amt, idempotencyKey: key('mix') }));
      if (i % 10 === 0) calls.push(app.dispatch('wallet:list', { latest: 3 }));
      if (i % 25 === 0) calls.push(app.dispatch('wallet:open', { currency: 'CHF' }));
      if (i % 15 === 0) calls.push(app.dispatch('wallet:entries', { currency: 'JPY', limit: 5 }));
    }
    const results = await Promise.all(calls);
    for (const r of results) {
      if (!r.ok) expect(r.error.code, JSON.stringify(r)).toBe('INSUFFICIENT_FUNDS');
    }
    const audit = auditProfileDb(file);
    expect(audit.problems).toEqual([]);
    expect(audit.wallets.map((w) => w.currency).sort()).toEqual(['CHF', 'EUR', 'JPY']);
    const wallets = await ok<{ currency: string; balance: string }[]>(app.dispatch('wallet:list', {}));
    for (const w of wallets) {
      expect(new D(w.balance).equals(audit.wallets.find((a) => a.currency === w.currency)!.ledgerSum)).toBe(true);
    }
  });
});
