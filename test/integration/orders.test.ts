import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderDetail, OrderView, Wallet } from '../../shared/contract/index.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { ledgerMatchesBalances } from '../support/ledger-trading.js';
import { AAPL, BTC, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `order-test-${process.pid}-${++k}`;

/**
 * Orders through dispatch on a real app: real SQLite, the real feed client against a real socket.io server that
 * sends the prices each test publishes. Default trading settings: 10 bps spread, 0.1 % fee, 10 USD aggregation.
 */
describe('orders', () => {
  let t: TradingApp;
  beforeEach(async () => {
    t = await tradingApp();
    await t.call('instrument:add', AAPL);
    await t.call('instrument:add', BTC);
    await t.call('wallet:deposit', { currency: 'USD', amount: '1000', idempotencyKey: key() });
    await t.setPrice('AAPL', '100');
    await t.setPrice('BTC-USD', '50000');
  });
  afterEach(async () => {
    await t.close();
  });

  const usd = async () => (await t.call<Wallet[]>('wallet:list', {})).find((w) => w.currency === 'USD')!;
  const place = (p: Record<string, unknown>) => t.call<OrderView>('orders:place', { idempotencyKey: key(), ...p });

  it('fills a market buy at the live price plus half the spread, with the fee, in one step', async () => {
    const o = await place({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: '2' });
    // 100 × (1 + 0.0005) = 100.05; gross 200.10; fee 0.1 % = 0.2001 → 0.20 (half-even); total 200.30.
    expect(o).toMatchObject({ state: 'filled', filledQuantity: '2', averagePrice: '100.05', gross: '200.10', fee: '0.20', total: '200.30', reserved: '0' });
    const w = await usd();
    expect(w).toMatchObject({ balance: '799.70', reserved: '0.00', available: '799.70' });
    const detail = await t.call<OrderDetail>('orders:get', { id: o.id });
    // The answer is built from the row as written, not read back: it must be exactly what is stored.
    const { fills: _f, ledger: _l, events: _e, ...stored } = detail;
    expect(stored).toEqual(o);
    expect(detail.fills).toHaveLength(1);
    expect(detail.ledger.map((e) => [e.kind, e.amount])).toEqual([['buy', '-200.30']]);
    expect(detail.events.map((e) => e.state)).toEqual(['pending', 'filled']);
    await ledgerMatchesBalances(t.dir);

    const sell = await place({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: '2' });
    // 100 × (1 − 0.0005) = 99.95; gross 199.90; fee 0.1999 → 0.20; proceeds 199.70.
    expect(sell).toMatchObject({ state: 'filled', averagePrice: '99.95', total: '199.70' });
    expect((await usd()).balance).toBe('999.40');
    const again = await t.refused('orders:place', { idempotencyKey: key(), symbol: 'AAPL', side: 'sell', type: 'market', quantity: '1' });
    expect(again.code).toBe('INSUFFICIENT_HOLDING');

    // A traded instrument stays in the catalogue: its orders and activities name it.
    const aapl = (await t.call<{ id: number; symbol: string }[]>('instrument:list', {})).find((i) => i.symbol === 'AAPL')!;
    expect((await t.refused('instrument:remove', { id: aapl.id })).code).toBe('IN_USE');
    expect((await t.refused('instrument:update', { id: aapl.id, quoteCurrency: 'EUR' })).code).toBe('IN_USE');
  });

  it('aggregates small orders until the book reaches the threshold, then splits one fill pro rata', async () => {
    const a = await place({ symbol: 'BTC-USD', side: 'buy', type: 'market', amount: '5' });
    expect(a.state).toBe('aggregating');
    expect((await usd()).reserved).toBe('5.00');
    const b = await place({ symbol: 'BTC-USD', side: 'buy', type: 'market', amount: '6' });
    expect(b.state).toBe('filled');
    const [da, db] = await Promise.all([t.call<OrderDetail>('orders:get', { id: a.id }), t.call<OrderDetail>('orders:get', { id: b.id })]);
    expect(da.state).toBe('filled');
    // One venue order for both, at one average price.
    expect(da.fills[0]!.venueOrderId).toBe(db.fills[0]!.venueOrderId);
    expect(da.fills[0]!.price).toBe(db.fills[0]!.price);
    expect(da.events.map((e) => e.state)).toEqual(['pending', 'aggregating', 'filled']);
    // Each got no more than its amount bought, fee included.
    expect(new D(da.total).lte('5')).toBe(true);
    expect(new D(db.total).lte('6')).toBe(true);
    const w = await usd();
    expect(w.reserved).toBe('0.00');
    expect(new D(w.balance).toFixed(2)).toBe(new D('1000').minus(da.total).minus(db.total).toFixed(2));
    await ledgerMatchesBalances(t.dir);
  });

  it('quotes the price, wallet and holding before a size is typed', async () => {
    const q = await t.call<{ price: string; estimate: unknown; problem: unknown; cash: { available: string } }>('orders:quote', { symbol: 'AAPL', side: 'buy', type: 'market' });
    expect(q).toMatchObject({ price: '100', estimate: null, problem: null, cash: { available: '1000.00' } });
    const both = await t.refused('orders:quote', { symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1', amount: '5' });
    expect(both.code).toBe('INVALID_INPUT');
  });

  it('aggregated members settle exactly what the activity log replays (quantity × average price per member)', async () => {
    await t.call('settings:update', { trading: { spreadBps: '0', feeRate: '0', aggregationWindowSeconds: 1 } });
    await t.setPrice('BTC-USD', '1.005');
    // Two 1-unit buys: one venue order of 2 at 1.005 (2.01 on the total), each member pays round(1 × 1.005) = 1.00.
    const a = await place({ symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: '1' });
    const b = await place({ symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: '1' });
    expect([a.state, b.state]).toEqual(['aggregating', 'aggregating']);
    const end = Date.now() + 10_000;
    let done: OrderDetail[] = [];
    while (Date.now() < end) {
      done = await Promise.all([a, b].map((o) => t.call<OrderDetail>('orders:get', { id: o.id })));
      if (done.every((o) => o.state === 'filled')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(done.map((o) => o.total)).toEqual(['1.00', '1.00']);
    expect(done[0]!.fills[0]!.venueOrderId).toBe(done[1]!.fills[0]!.venueOrderId);
    await ledgerMatchesBalances(t.dir);
  });

  it('fills a lone small order when its window closes', async () => {
    await t.call('settings:update', { trading: { aggregationWindowSeconds: 1 } });
    const a = await place({ symbol: 'BTC-USD', side: 'buy', type: 'market', amount: '4' });
    expect(a.state).toBe('aggregating');
    const end = Date.now() + 10_000;
    let state = a.state;
    while (state !== 'filled' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      // Keep the price fresh (crypto goes stale after 30 s; a window must not fill on a stale price).
      state = (await t.call<OrderDetail>('orders:get', { id: a.id })).state;
    }
    expect(state).toBe('filled');
    expect((await usd()).reserved).toBe('0.00');
  });

  it('fills a limit sell when the price crosses it, and a cancelled limit buy returns its cash', async () => {
    await place({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: '2' });
    const sell = await place({ symbol: 'AAPL', side: 'sell', type: 'limit', quantity: '1', limitPrice: '105' });
    expect(sell).toMatchObject({ state: 'open', reserved: '1' });
    const buy = await place({ symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', limitPrice: '95' });
    // Reserved at the limit with the fee: 95 + 0.095 → 0.10 = 95.10.
    expect(buy).toMatchObject({ state: 'open', reserved: '95.10' });
    expect((await usd()).reserved).toBe('95.10');
    // Only one unit is free while one is on sale.
    expect((await t.refused('orders:place', { idempotencyKey: key(), symbol: 'AAPL', side: 'sell', type: 'market', quantity: '2' })).code).toBe('INSUFFICIENT_HOLDING');

    await t.setPrice('AAPL', '104');
    expect((await t.call<OrderDetail>('orders:get', { id: sell.id })).state).toBe('open');
    await t.setPrice('AAPL', '106');
    const end = Date.now() + 10_000;
    let filled = await t.call<OrderDetail>('orders:get', { id: sell.id });
    while (filled.state !== 'filled' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      filled = await t.call<OrderDetail>('orders:get', { id: sell.id });
    }
    // 106 × (1 − 0.0005) = 105.947 ≥ 105.
    expect(filled).toMatchObject({ state: 'filled', averagePrice: '105.947', gross: '105.95', fee: '0.11', total: '105.84' });

    const before = await usd();
    const cancelled = await t.call<OrderView>('orders:cancel', { id: buy.id, idempotencyKey: key() });
    expect(cancelled).toMatchObject({ state: 'cancelled', reserved: '0' });
    const after = await usd();
    expect(after.reserved).toBe('0.00');
    expect(after.balance).toBe(before.balance);
    expect(new D(after.available).minus(before.available).toFixed(2)).toBe('95.10');
    const twice = await t.refused('orders:cancel', { id: buy.id, idempotencyKey: key() });
    expect(twice.code).toBe('ILLEGAL_TRANSITION');
    await ledgerMatchesBalances(t.dir);
  });

  it('refuses with a stable code and reserves nothing', async () => {
    const count = async () => (await t.call<OrderView[]>('orders:list', {})).length;
    const n0 = await count();
    const w0 = await usd();
    const cases: [Record<string, unknown>, string][] = [
      [{ symbol: 'NOPE', side: 'buy', type: 'market', quantity: '1' }, 'NOT_FOUND'],
      [{ symbol: 'AAPL', side: 'buy', type: 'market', quantity: '0' }, 'INVALID_INPUT'],
      [{ symbol: 'AAPL', side: 'buy', type: 'market', quantity: '-1' }, 'INVALID_INPUT'],
      [{ symbol: 'AAPL', side: 'buy', type: 'market', quantity: '0.0000001' }, 'INVALID_AMOUNT'],
      [{ symbol: 'AAPL', side: 'buy', type: 'market', amount: '10.001' }, 'INVALID_AMOUNT'],
      [{ symbol: 'AAPL', side: 'buy', type: 'market' }, 'INVALID_INPUT'],
      [{ symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1' }, 'INVALID_INPUT'],
      [{ symbol: 'AAPL', side: 'buy', type: 'market', quantity: '11' }, 'INSUFFICIENT_FUNDS'],
      [{ symbol: 'AAPL', side: 'sell', type: 'market', quantity: '1' }, 'INSUFFICIENT_HOLDING'],
      [{ symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', limitPrice: '50' }, 'PRICE_NEEDS_CONFIRMATION'],
    ];
    // The limit far off needs a last close to compare with.
    await t.call('bars:import', { symbol: 'AAPL', csv: 'date,open,high,low,close,volume\n2020-01-02,99,101,98,100,1000\n' });
    for (const [payload, code] of cases) {
      const err = await t.refused('orders:place', { idempotencyKey: key(), ...payload });
      expect(err.code, JSON.stringify(payload)).toBe(code);
      expect(err.message.length).toBeGreaterThan(5);
    }
    // A symbol with no price at all.
    await t.call('instrument:add', { symbol: 'MSFT', name: 'Microsoft', assetClass: 'stock', quoteCurrency: 'USD' });
    expect((await t.refused('orders:place', { idempotencyKey: key(), symbol: 'MSFT', side: 'buy', type: 'market', quantity: '1' })).code).toBe('STALE_PRICE');
    await t.call('settings:update', { trading: { maxOrderValueUsd: '150' } });
    const large = await t.refused('orders:place', { idempotencyKey: key(), symbol: 'AAPL', side: 'buy', type: 'market', quantity: '2' });
    expect(large).toMatchObject({ code: 'ORDER_TOO_LARGE', details: { max: '150', currency: 'USD' } });
    expect(await count()).toBe(n0);
    expect(await usd()).toEqual(w0);

    // Confirmed, the far-off limit is accepted.
    const confirmed = await place({ symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', limitPrice: '50', confirm: true });
    expect(confirmed.state).toBe('open');

    await t.call('settings:update', { trading: { ordersPerMinute: 2, maxOrderValueUsd: '0' } });
    await place({ symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' });
    const third = await t.refused('orders:place', { idempotencyKey: key(), symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' });
    expect(third.code).toBe('TOO_MANY_ORDERS');
  });

  it('concurrent orders asking for twice the cash: exactly those that fit succeed', async () => {
    await t.call('settings:update', { trading: { ordersPerMinute: 10_000, feeRate: '0', spreadBps: '0' } });
    // 1000 USD; 200 orders of 10 USD each (not small: 10 is the threshold) ask for 2000.
    const results = await Promise.all(
      Array.from({ length: 200 }, () => t.app.dispatch('orders:place', { idempotencyKey: key(), symbol: 'AAPL', side: 'buy', type: 'market', amount: '10' })),
    );
    const ok = results.filter((r) => r.ok);
    const codes = new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code)));
    expect(ok).toHaveLength(100);
    expect([...codes]).toEqual(['INSUFFICIENT_FUNDS']);
    const w = await usd();
    expect(w).toMatchObject({ balance: '0.00', reserved: '0.00' });
    await ledgerMatchesBalances(t.dir);
  });

  it('a double-click (one key twice at once) makes one order', async () => {
    const k1 = key();
    const payload = { idempotencyKey: k1, symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' };
    const [a, b] = await Promise.all([t.call<OrderView>('orders:place', payload), t.call<OrderView>('orders:place', payload)]);
    expect(a.id).toBe(b.id);
    expect(await t.call<OrderView[]>('orders:list', {})).toHaveLength(1);
    const conflict = await t.refused('orders:place', { ...payload, quantity: '2' });
    expect(conflict.code).toBe('IDEMPOTENCY_CONFLICT');
  });
});
