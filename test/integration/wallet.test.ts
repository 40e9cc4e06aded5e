import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import { key, ok, tempApp } from '../support/app.js';

describe('wallets through dispatch', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ app, cleanup } = await tempApp());
    await ok(app.dispatch('profile:create', { username: 'alice', password: 'correct horse' }));
  });
  afterEach(async () => cleanup());

  it('deposits and withdraws with exact minor units', async () => {
    await ok(app.dispatch('wallet:deposit', { currency: 'EUR', amount: '100', idempotencyKey: key() }));
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '50.25', note: 'salary', idempotencyKey: key() }));
    const w = await ok<{ balance: string }>(app.dispatch('wallet:withdraw', { currency: 'EUR', amount: '30', idempotencyKey: key() }));
    expect(w.balance).toBe('70.00');
    const list = await ok<{ currency: string; balance: string; latest: unknown[] }[]>(app.dispatch('wallet:list', {}));
    expect(list.map((x) => [x.currency, x.balance])).toEqual([['EUR', '70.00'], ['USD', '50.25']]);
    expect(list[0]?.latest).toHaveLength(2);
  });

  it('refuses an overdraft and changes nothing', async () => {
    await ok(app.dispatch('wallet:deposit', { currency: 'EUR', amount: '70', idempotencyKey: key() }));
    const r = await app.dispatch('wallet:withdraw', { currency: 'EUR', amount: '1000', idempotencyKey: key() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INSUFFICIENT_FUNDS');
    const list = await ok<{ balance: string; latest: unknown[] }[]>(app.dispatch('wallet:list', {}));
    expect(list[0]?.balance).toBe('70.00');
    expect(list[0]?.latest).toHaveLength(1);
  });

  it('refuses a currency the catalogue does not have, and opens no wallet for it', async () => {
    const r = await app.dispatch('wallet:deposit', { currency: 'XQZ', amount: '10', idempotencyKey: key() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'UNKNOWN_CURRENCY', message: 'XQZ is not a currency in the catalogue.', details: { currency: 'XQZ' } });
    expect(await ok<unknown[]>(app.dispatch('wallet:list', {}))).toEqual([]);
  });

  it('refuses too precise an amount before it opens a wallet', async () => {
    const r = await app.dispatch('wallet:deposit', { currency: 'CHF', amount: '1.001', idempotencyKey: key() });
    expect(!r.ok && r.error.code).toBe('INVALID_AMOUNT');
    expect(await ok<unknown[]>(app.dispatch('wallet:list', {}))).toEqual([]);
  });

  it('rejects JPY fractions and too-precise USD', async () => {
    const jpy = await app.dispatch('wallet:deposit', { currency: 'JPY', amount: '10.5', idempotencyKey: key() });
    const usd = await app.dispatch('wallet:deposit', { currency: 'USD', amount: '1.001', idempotencyKey: key() });
    expect(!jpy.ok && jpy.error.code).toBe('INVALID_AMOUNT');
    expect(!usd.ok && usd.error.code).toBe('INVALID_AMOUNT');
    const ok1 = await ok<{ balance: string }>(app.dispatch('wallet:deposit', { currency: 'JPY', amount: '1500', idempotencyKey: key() }));
    expect(ok1.balance).toBe('1500');
  });
});
