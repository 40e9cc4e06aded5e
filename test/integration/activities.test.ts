import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityView, OrderView, Wallet } from '../../shared/contract/index.js';
import { ledgerMatchesBalances } from '../support/ledger-trading.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `activity-test-${process.pid}-${++k}`;

/** Outside activity of a real portfolio, recorded at past dates and prices, moving wallets and units exactly. */
describe('recorded activities', () => {
  let t: TradingApp;
  beforeEach(async () => {
    t = await tradingApp();
    await t.call('instrument:add', AAPL);
  });
  afterEach(async () => {
    await t.close();
  });

  const wallets = async () => Object.fromEntries((await t.call<Wallet[]>('wallet:list', {})).map((w) => [w.currency, w.balance]));
  const record = (p: Record<string, unknown>) => t.call<ActivityView>('activity:record', { idempotencyKey: key(), ...p });

  it('records deposits, trades, income, fees and an FX exchange at the rate paid', async () => {
    await record({ type: 'deposit', currency: 'EUR', amount: '1000', date: '2023-01-02', note: 'Opening balance' });
    const fx = await record({ type: 'fx-exchange', fromCurrency: 'EUR', fromAmount: '500', toCurrency: 'USD', toAmount: '534.25', date: '2023-01-03' });
    expect(fx).toMatchObject({ amount: '-500.00', toAmount: '534.25', rate: '1.0685', source: 'manual' });
    const buy = await record({ type: 'buy', symbol: 'AAPL', quantity: '3', price: '125.07', fee: '1.00', date: '2023-01-04' });
    // 3 × 125.07 = 375.21, + 1.00 fee.
    expect(buy).toMatchObject({ amount: '-376.21', currency: 'USD', quantity: '3', price: '125.07', fee: '1.00' });
    await record({ type: 'dividend', currency: 'USD', amount: '0.69', symbol: 'AAPL', date: '2023-02-16' });
    await record({ type: 'sell', symbol: 'AAPL', quantity: '1', price: '150.5', date: '2023-06-01' });
    await record({ type: 'interest', currency: 'EUR', amount: '1.25', date: '2023-06-30' });
    await record({ type: 'fee', currency: 'EUR', amount: '2.50', date: '2023-07-01' });
    await record({ type: 'withdrawal', currency: 'EUR', amount: '100', date: '2023-07-02' });
    expect(await wallets()).toEqual({ EUR: '398.75', USD: '309.23' });
    const quote = await t.call<{ holding: { quantity: string } }>('orders:quote', { symbol: 'AAPL', side: 'sell', type: 'limit', quantity: '1', limitPrice: '1' });
    expect(quote.holding.quantity).toBe('2');
    const list = await t.call<ActivityView[]>('activity:list', {});
    expect(list.map((a) => a.type)).toEqual(['withdrawal', 'fee', 'interest', 'sell', 'dividend', 'buy', 'fx-exchange', 'deposit']);
    // A recorded holding can be sold through an order too.
    await t.setPrice('AAPL', '150');
    const o = await t.call<OrderView>('orders:place', { idempotencyKey: key(), symbol: 'AAPL', side: 'sell', type: 'market', quantity: '2' });
    expect(o.state).toBe('filled');
    await ledgerMatchesBalances(t.dir);
  });

  it('refuses what cannot be true and changes nothing', async () => {
    await record({ type: 'deposit', currency: 'USD', amount: '100', date: '2023-01-02' });
    const before = await wallets();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'buy', symbol: 'AAPL', quantity: '1', price: '150', date: '2023-01-03' }, 'INSUFFICIENT_FUNDS'],
      [{ type: 'sell', symbol: 'AAPL', quantity: '1', price: '150', date: '2023-01-03' }, 'INSUFFICIENT_HOLDING'],
      [{ type: 'buy', symbol: 'MSFT', quantity: '1', price: '10', date: '2023-01-03' }, 'NOT_FOUND'],
      [{ type: 'buy', symbol: 'AAPL', quantity: '1', price: '10', fee: '0.001', date: '2023-01-03' }, 'INVALID_AMOUNT'],
      [{ type: 'withdrawal', currency: 'USD', amount: '100.01', date: '2023-01-03' }, 'INSUFFICIENT_FUNDS'],
      [{ type: 'deposit', currency: 'JPY', amount: '1.5', date: '2023-01-03' }, 'INVALID_AMOUNT'],
      [{ type: 'deposit', currency: 'USD', amount: '1', date: '2999-01-01' }, 'INVALID_INPUT'],
      [{ type: 'deposit', currency: 'USD', amount: '1', date: '2023-02-30' }, 'INVALID_INPUT'],
      [{ type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '1', toCurrency: 'USD', toAmount: '1', date: '2023-01-03' }, 'INVALID_INPUT'],
      [{ type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '200', toCurrency: 'EUR', toAmount: '180', date: '2023-01-03' }, 'INSUFFICIENT_FUNDS'],
      [{ type: 'bonus', currency: 'USD', amount: '1', date: '2023-01-03' }, 'INVALID_INPUT'],
    ];
    for (const [payload, code] of cases) {
      const err = await t.refused('activity:record', { idempotencyKey: key(), ...payload });
      expect(err.code, JSON.stringify(payload)).toBe(code);
    }
    expect(await wallets()).toEqual(before);
    expect(await t.call<ActivityView[]>('activity:list', {})).toHaveLength(1);
    await ledgerMatchesBalances(t.dir);
  });
});

describe('open limit orders across a restart', () => {
  it('fills a resting limit order on the first crossing tick after the app restarts', async () => {
    const first = await tradingApp();
    await first.call('instrument:add', AAPL);
    await first.call('wallet:deposit', { currency: 'USD', amount: '500', idempotencyKey: key() });
    await first.setPrice('AAPL', '100');
    const o = await first.call<OrderView>('orders:place', { idempotencyKey: key(), symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '2', limitPrice: '95' });
    expect(o.state).toBe('open');
    const dir = first.dir;
    await first.app.close();
    await first.feed.close();

    const second = await tradingApp({ dir, username: 'trader' });
    try {
      await second.setPrice('AAPL', '94');
      const end = Date.now() + 10_000;
      let state = o.state;
      while (state !== 'filled' && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        state = (await second.call<OrderView>('orders:get', { id: o.id })).state;
      }
      expect(state).toBe('filled');
      await ledgerMatchesBalances(dir);
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
