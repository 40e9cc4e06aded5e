import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityView, Settings, Wallet } from '../../shared/contract/index.js';
import { sampleActivities } from '../../main/sample/generate.js';
import { ledgerMatchesBalances } from '../support/ledger-trading.js';
import { tradingApp, type TradingApp } from '../support/trading.js';

/** The sample profile: made-up activity through the ledger's bulk path, marked as a sample, deleted in one step. */
describe('the sample profile', () => {
  let t: TradingApp;
  beforeEach(async () => {
    t = await tradingApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const wallets = async () => Object.fromEntries((await t.call<Wallet[]>('wallet:list', {})).map((w) => [w.currency, w.balance]));
  const activities = () => t.call<ActivityView[]>('activity:list', { limit: 500 });

  it('fills an empty profile with years of activity whose balances are its ledger, then deletes it all', async () => {
    const made = await t.call<{ activities: number; instruments: string[] }>('sample:create', {});
    expect(made.instruments).toEqual(['AAPL', 'MSFT', 'BTC-USD', 'ETH-USD']);
    const list = await activities();
    expect(list.length).toBe(made.activities);
    expect(made.activities).toBeGreaterThan(60);
    // Years of it, every kind a portfolio has, each one named as made up.
    const dates = list.map((a) => a.date).sort();
    expect(Number(dates.at(-1)!.slice(0, 4)) - Number(dates[0]!.slice(0, 4))).toBeGreaterThanOrEqual(2);
    expect(new Set(list.map((a) => a.type))).toEqual(new Set(['deposit', 'fx-exchange', 'buy', 'sell', 'dividend', 'interest', 'fee']));
    expect(list.every((a) => a.note === 'Sample (made up)')).toBe(true);
    expect(Object.keys(await wallets()).sort()).toEqual(['EUR', 'USD']);
    expect((await t.call<Settings>('settings:get', {})).sample).toBe(true);
    await ledgerMatchesBalances(t.dir);

    // Once is enough: a second sample is refused and changes nothing.
    const before = await wallets();
    expect((await t.refused('sample:create', {})).code).toBe('DUPLICATE');
    expect(await wallets()).toEqual(before);

    const gone = await t.call<{ activities: number }>('sample:delete', {});
    expect(gone.activities).toBe(made.activities);
    expect(await activities()).toEqual([]);
    expect(await wallets()).toEqual({});
    const settings = await t.call<Settings>('settings:get', {});
    expect(settings.sample).toBe(false);
    expect(settings.welcomed).toBe(false);
    // The catalogue keeps the instruments; a new deposit starts a fresh ledger.
    await t.call('wallet:deposit', { currency: 'USD', amount: '10', idempotencyKey: 'after-sample' });
    expect(await wallets()).toEqual({ USD: '10.00' });
    await ledgerMatchesBalances(t.dir);
  });

  it('goes only into a profile without activity, and only a sample is deleted', async () => {
    expect((await t.refused('sample:delete', {})).code).toBe('NOT_FOUND');
    await t.call('wallet:deposit', { currency: 'USD', amount: '25', idempotencyKey: 'own-money' });
    expect((await t.refused('sample:create', {})).code).toBe('IN_USE');
    expect(await wallets()).toEqual({ USD: '25.00' });
    expect((await activities()).length).toBe(1);
    expect((await t.call<Settings>('settings:get', {})).sample).toBe(false);
  });

  it('is the same sample for the same day and never dated today or later', () => {
    const a = sampleActivities('2026-03-15');
    expect(sampleActivities('2026-03-15')).toEqual(a);
    expect(a.every((x) => x.req.date < '2026-03-15' && x.req.date >= '2023-03-16')).toBe(true);
  });
});
