import { Database } from '../support/db-key.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import { key, ok, tempApp } from '../support/app.js';
import { auditProfileDb, ledgerFingerprint, profileDbFile } from '../support/ledger.js';

describe('idempotency keys on money-moving requests', () => {
  let app: App;
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;
  beforeEach(async () => {
    ({ app, dir, cleanup } = await tempApp());
    const s = await ok<{ profile: { id: string } }>(app.dispatch('profile:create', { username: 'idem', password: 'correct horse' }));
    file = profileDbFile(dir, s.profile.id);
  });
  afterEach(async () => cleanup());

  const entryCount = () => auditProfileDb(file).wallets.reduce((n, w) => n + w.entries.length, 0);
  const fingerprint = () => {
    const db = new Database(file, { readonly: true });
    try {
      return ledgerFingerprint(db);
    } finally {
      db.close();
    }
  };

  it('one key replayed 100 times sequentially: one entry, 100 identical results', async () => {
    const req = { currency: 'EUR', amount: '12.34', note: 'rent', idempotencyKey: key('seq') };
    const results = [];
    for (let i = 0; i < 100; i++) results.push(await app.dispatch('wallet:deposit', { ...req }));
    expect(results[0]?.ok).toBe(true);
    for (const r of results) expect(r).toEqual(results[0]);
    expect(entryCount()).toBe(1);
    const w = await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}));
    expect(w[0]?.balance).toBe('12.34');
  });

  it('one key replayed 100 times concurrently: one entry, 100 identical results', async () => {
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '50', idempotencyKey: key('fund') }));
    const req = { currency: 'USD', amount: '7.50', idempotencyKey: key('conc') };
    const results = await Promise.all(Array.from({ length: 100 }, () => app.dispatch('wallet:withdraw', { ...req })));
    expect(results[0]).toMatchObject({ ok: true, data: { balance: '42.50' } });
    for (const r of results) expect(r).toEqual(results[0]);
    expect(entryCount()).toBe(2);
    expect(auditProfileDb(file).problems).toEqual([]);
  });

  it('a replay after a restart still returns the first result and writes nothing', async () => {
    const req = { currency: 'JPY', amount: '1500', idempotencyKey: key('restart') };
    const first = await app.dispatch('wallet:deposit', req);
    await app.close(); // close without deleting the folder, then start again on it
    const firstCleanup = cleanup;
    const second = await tempApp(dir);
    app = second.app;
    cleanup = async () => {
      await second.cleanup();
      await firstCleanup().catch(() => undefined); // closes nothing new, removes the folder
    };
    await ok(app.dispatch('profile:login', { username: 'idem', password: 'correct horse' }));
    const again = await app.dispatch('wallet:deposit', req);
    expect(again).toEqual(first);
    expect(entryCount()).toBe(1);
  });

  it('the same key with different parameters is refused and writes nothing', async () => {
    const k = key('conflict');
    await ok(app.dispatch('wallet:deposit', { currency: 'EUR', amount: '10', idempotencyKey: k }));
    const before = fingerprint();
    const variants = [
      { currency: 'EUR', amount: '11', idempotencyKey: k },
      { currency: 'EUR', amount: '10.00', idempotencyKey: k },
      { currency: 'USD', amount: '10', idempotencyKey: k },
      { currency: 'EUR', amount: '10', note: 'changed', idempotencyKey: k },
    ];
    for (const v of variants) {
      const r = await app.dispatch('wallet:deposit', v);
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(v)).toBe('IDEMPOTENCY_CONFLICT');
    }
    // Concurrently as well.
    const rs = await Promise.all(variants.map((v) => app.dispatch('wallet:deposit', v)));
    for (const r of rs) expect(r.ok ? 'ok' : r.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(fingerprint()).toBe(before);
    expect(entryCount()).toBe(1);
  });

  it('a key used on wallet:deposit then on wallet:withdraw is a conflict', async () => {
    const k = key('cross');
    await ok(app.dispatch('wallet:deposit', { currency: 'EUR', amount: '10', idempotencyKey: k }));
    const before = fingerprint();
    const r = await app.dispatch('wallet:withdraw', { currency: 'EUR', amount: '10', idempotencyKey: k });
    expect(r.ok ? 'ok' : r.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(fingerprint()).toBe(before);
    const w = await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}));
    expect(w[0]?.balance).toBe('10.00');
  });

  it('a refused request does not burn its key: the same request succeeds once it fits', async () => {
    const req = { currency: 'GBP', amount: '5', idempotencyKey: key('retry') };
    const first = await app.dispatch('wallet:withdraw', req);
    expect(first.ok ? 'ok' : first.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(entryCount()).toBe(0);
    expect(auditProfileDb(file).idempotencyKeys.size).toBe(0);
    await ok(app.dispatch('wallet:deposit', { currency: 'GBP', amount: '5', idempotencyKey: key('fund') }));
    const second = await ok<{ balance: string }>(app.dispatch('wallet:withdraw', req));
    expect(second.balance).toBe('0.00');
    const third = await ok<{ balance: string }>(app.dispatch('wallet:withdraw', req));
    expect(third).toEqual(second);
    expect(entryCount()).toBe(2);
  });

  it('keys are per profile: another profile may use the same key for its own deposit', async () => {
    const k = key('shared');
    await ok(app.dispatch('wallet:deposit', { currency: 'EUR', amount: '1', idempotencyKey: k }));
    await ok(app.dispatch('profile:create', { username: 'other', password: 'correct horse' }));
    const r = await ok<{ balance: string }>(app.dispatch('wallet:deposit', { currency: 'EUR', amount: '2', idempotencyKey: k }));
    expect(r.balance).toBe('2.00');
  });
});
