import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderView } from '../../shared/contract/index.js';
import { profileDbs, tradingProblems } from '../support/ledger-trading.js';
import { AAPL, BTC, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `prop-${process.pid}-${++k}`;

const money = fc.integer({ min: 1, max: 500_00 }).map((c) => (c / 100).toFixed(2));
const qty = fc.integer({ min: 1, max: 300 }).map((n) => (n / 100).toString());
const price = fc.integer({ min: 80_00, max: 120_00 }).map((c) => (c / 100).toFixed(2));
const symbol = fc.constantFrom('AAPL', 'BTC-USD');
const side = fc.constantFrom('buy', 'sell');
const pastDate = fc.integer({ min: 1, max: 900 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

/** One step of a random session: what a user (and the market) can do. Every one may be refused; none may break. */
const op = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), amount: money }),
  fc.record({ kind: fc.constant('withdraw' as const), amount: money }),
  fc.record({ kind: fc.constant('market' as const), symbol, side, quantity: qty }),
  fc.record({ kind: fc.constant('marketAmount' as const), symbol, side, amount: fc.integer({ min: 1, max: 30 }).map(String) }),
  fc.record({ kind: fc.constant('limit' as const), symbol, side, quantity: qty, limitPrice: price }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('price' as const), symbol: fc.constant('AAPL'), price }),
  fc.record({ kind: fc.constant('record' as const), type: fc.constantFrom('buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'fee'), quantity: qty, price, amount: money, date: pastDate }),
  fc.record({ kind: fc.constant('tick' as const) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/**
 * Random sequences of deposits, orders (market, by amount, limit), cancels, price moves, recorded activities and
 * aggregation ticks against one real app: after every sequence the wallets equal their ledgers, reservations equal
 * what open orders hold, positions equal their fills and recorded trades, and nothing is negative. A refusal must
 * carry one of the stable codes — an INTERNAL error fails the property.
 */
describe('orders: random sequences keep the books exact', () => {
  let t: TradingApp;
  beforeAll(async () => {
    t = await tradingApp();
    await t.call('instrument:add', AAPL);
    await t.call('instrument:add', BTC);
    // BTC near 100 too, so small amounts aggregate and quantities stay readable.
    await t.call('settings:update', { trading: { ordersPerMinute: 10_000, aggregationWindowSeconds: 1, feeMinimum: '0.05' } });
    await t.setPrice('AAPL', '100');
    await t.setPrice('BTC-USD', '100');
  });
  afterAll(async () => {
    await t.close();
  });

  const seen = new Map<string, number>();
  const allowed = new Set(['INSUFFICIENT_FUNDS', 'INSUFFICIENT_HOLDING', 'INVALID_AMOUNT', 'PRICE_NEEDS_CONFIRMATION', 'ILLEGAL_TRANSITION', 'STALE_PRICE']);

  async function run(o: Op): Promise<void> {
    const d = t.app.dispatch;
    let r: Awaited<ReturnType<typeof d>>;
    switch (o.kind) {
      case 'deposit':
        r = await d('wallet:deposit', { currency: 'USD', amount: o.amount, idempotencyKey: key() });
        break;
      case 'withdraw':
        r = await d('wallet:withdraw', { currency: 'USD', amount: o.amount, idempotencyKey: key() });
        break;
      case 'market':
        r = await d('orders:place', { idempotencyKey: key(), symbol: o.symbol, side: o.side, type: 'market', quantity: o.quantity });
        break;
      case 'marketAmount':
        r = await d('orders:place', { idempotencyKey: key(), symbol: o.symbol, side: o.side, type: 'market', amount: o.amount });
        break;
      case 'limit':
        r = await d('orders:place', { idempotencyKey: key(), symbol: o.symbol, side: o.side, type: 'limit', quantity: o.quantity, limitPrice: o.limitPrice, confirm: true });
        break;
      case 'cancel': {
        const open = (await t.call<OrderView[]>('orders:list', { states: ['open', 'aggregating'] })) ?? [];
        if (open.length === 0) return;
        r = await d('orders:cancel', { id: open[o.pick % open.length]!.id, idempotencyKey: key() });
        break;
      }
      case 'price':
        await t.setPrice(o.symbol, o.price);
        return;
      case 'record':
        r = await d(
          'activity:record',
          o.type === 'buy' || o.type === 'sell'
            ? { type: o.type, symbol: 'AAPL', quantity: o.quantity, price: o.price, fee: '0.10', date: o.date, idempotencyKey: key() }
            : { type: o.type, currency: 'USD', amount: o.amount, date: o.date, idempotencyKey: key() },
        );
        break;
      case 'tick':
        await new Promise((res) => setTimeout(res, 1_100));
        return;
    }
    if (!r.ok && !allowed.has(r.error.code)) throw new Error(`${JSON.stringify(o)} → ${JSON.stringify(r.error)}`);
    const outcome = r.ok ? `${o.kind}:${(r.data as { state?: string }).state ?? 'ok'}` : `${o.kind}:${r.error.code}`;
    seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
  }

  it('holds every invariant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 20 }), async (ops) => {
        for (const o of ops) await run(o);
        // Let timers and limit matching settle on the same writer before reading with a second connection.
        await t.call('orders:list', {});
        for (const file of profileDbs(t.dir)) expect(tradingProblems(file)).toEqual([]);
      }),
      { numRuns: 15, endOnFailure: true },
    );
    // The sequences did trade: market fills, limit orders resting, small orders aggregating, recorded activities.
    const count = (prefix: string) => [...seen].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
    expect(count('market:filled') + count('marketAmount:filled')).toBeGreaterThan(0);
    expect(count('limit:open') + count('limit:filled')).toBeGreaterThan(0);
    expect(count('marketAmount:aggregating')).toBeGreaterThan(0);
    expect(count('record:ok')).toBeGreaterThan(0);
  }, 240_000);
});
