import { describe, expect, it } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import type { Activity } from '../../shared/portfolio/activity.js';
import { computeHoldings } from '../../shared/portfolio/cost-basis.js';

const buy = (id: string, date: string, symbol: string, quantity: string, price: string, fee = '0', currency = 'USD'): Activity => ({ id, date, type: 'buy', symbol, quantity, price, fee, currency });
const sell = (id: string, date: string, symbol: string, quantity: string, price: string, fee = '0', currency = 'USD'): Activity => ({ id, date, type: 'sell', symbol, quantity, price, fee, currency });

// The worked example, by hand:
//   b1 2023-01-10 buy 10 @ 100, fee 1  → cost 1001.00              lots: [10 @ 1001.00]
//   b2 2023-02-10 buy  5 @ 110, fee 1  → cost  551.00              lots: [10 @ 1001.00, 5 @ 551.00]   pool 15 / 1552.00
//   s1 2023-06-01 sell 12 @ 120, fee 2 → proceeds 1440 − 2 = 1438.00
//        FIFO:    1001.00 + 551 × 2/5 = 1001.00 + 220.40 = 1221.40 released → P&L 216.60; left 3 sh / 330.60 (avg 110.2)
//        average: 1552 × 12/15 = 1241.60 released                   → P&L 196.40; left 3 sh / 310.40 (avg 103.4666…)
//   s2 2024-03-01 sell 3 @ 100, fee 0  → proceeds 300.00
//        FIFO:    330.60 released → P&L −30.60; total 186.00
//        average: 310.40 released → P&L −10.40; total 186.00
//   Both totals = Σ proceeds − Σ costs = (1438 + 300) − (1001 + 551) = 186.00.
const WORKED: Activity[] = [
  buy('b1', '2023-01-10', 'AAPL', '10', '100', '1'),
  buy('b2', '2023-02-10', 'AAPL', '5', '110', '1'),
  sell('s1', '2023-06-01', 'AAPL', '12', '120', '2'),
  sell('s2', '2024-03-01', 'AAPL', '3', '100'),
];

describe('cost basis: FIFO', () => {
  it('releases the oldest lots first (hand-checked)', () => {
    const r = computeHoldings(WORKED.slice(0, 3), 'fifo');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const h = r.data.holdings[0]!;
    expect(h).toMatchObject({ symbol: 'AAPL', currency: 'USD', quantity: '3', totalCost: '330.60', averageCost: '110.2000000000', realizedPnl: '216.60' });
    expect(h.lots).toEqual([{ activityId: 'b2', date: '2023-02-10', quantity: '3', cost: '330.60' }]);
    expect(r.data.realized).toEqual([
      { activityId: 's1', symbol: 'AAPL', currency: 'USD', date: '2023-06-01', quantity: '12', proceeds: '1438.00', cost: '1221.40', pnl: '216.60' },
    ]);
  });

  it('books realized P&L per sell, per holding and per calendar year', () => {
    const r = computeHoldings(WORKED, 'fifo');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.realized.map((s) => s.pnl)).toEqual(['216.60', '-30.60']);
    expect(r.data.holdings[0]).toMatchObject({ quantity: '0', totalCost: '0.00', averageCost: null, realizedPnl: '186.00', lots: [] });
    expect(r.data.realizedByYear).toEqual({ '2023': { USD: '216.60' }, '2024': { USD: '-30.60' } });
  });
});

describe('cost basis: average cost', () => {
  it('releases cost × sold / held (hand-checked)', () => {
    const r = computeHoldings(WORKED.slice(0, 3), 'average');
    if (!r.ok) throw new Error(r.error.message);
    // 310.40 / 3 = 103.4666666666… → 103.4666666667 at 10 digits, half-even.
    expect(r.data.holdings[0]).toMatchObject({ quantity: '3', totalCost: '310.40', averageCost: '103.4666666667', realizedPnl: '196.40', lots: [] });
    expect(r.data.realized[0]).toMatchObject({ proceeds: '1438.00', cost: '1241.60', pnl: '196.40' });
  });

  it('agrees with FIFO on the total once everything is sold', () => {
    const fifo = computeHoldings(WORKED, 'fifo');
    const avg = computeHoldings(WORKED, 'average');
    if (!fifo.ok || !avg.ok) throw new Error('unexpected error');
    expect(avg.data.realized.map((s) => s.pnl)).toEqual(['196.40', '-10.40']);
    expect(avg.data.holdings[0]!.realizedPnl).toBe('186.00');
    expect(fifo.data.holdings[0]!.realizedPnl).toBe('186.00');
  });

  it('rounds a partial release half-even to the cent and keeps the rest with the pool', () => {
    // buy 3 @ 3.33 + fee 0.01 = 10.00; sell 1 releases 10/3 = 3.333… → 3.33; pool keeps 6.67; sell 2 releases 6.67.
    const r = computeHoldings(
      [buy('b', '2024-01-02', 'X', '3', '3.33', '0.01'), sell('s1', '2024-01-03', 'X', '1', '4'), sell('s2', '2024-01-04', 'X', '2', '4')],
      'average',
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.realized.map((s) => s.cost)).toEqual(['3.33', '6.67']);
    expect(r.data.realized.map((s) => s.pnl)).toEqual(['0.67', '1.33']);
  });
});

describe('cost basis: precision and refusals', () => {
  it('keeps 18-digit quantities and 10-digit prices exact, settling the value at the cent', () => {
    const q = '0.123456789012345678';
    const p = '43210.1234567891';
    const r = computeHoldings([buy('b', '2024-01-02', 'BTC-USD', q, p, '0.25'), sell('s', '2024-01-05', 'BTC-USD', '0.000000000000000001', '50000')], 'fifo');
    if (!r.ok) throw new Error(r.error.message);
    const gross = new D(q).times(p).toDecimalPlaces(2, D.ROUND_HALF_EVEN); // 5334.58… → settled at the cent
    expect(r.data.holdings[0]!.quantity).toBe('0.123456789012345677');
    // Selling 1e-18 BTC releases cost × 1e-18 / q, far below a cent: rounds to 0.00, so the whole cost stays.
    expect(r.data.holdings[0]!.totalCost).toBe(gross.plus('0.25').toFixed(2));
    expect(r.data.realized[0]).toMatchObject({ quantity: '0.000000000000000001', proceeds: '0.00', cost: '0.00', pnl: '0.00' });
  });

  it('refuses to sell more than held with INSUFFICIENT_HOLDING and never goes negative', () => {
    const r = computeHoldings([buy('b', '2024-01-02', 'AAPL', '1', '100'), sell('s', '2024-01-03', 'AAPL', '1.5', '100')], 'fifo');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INSUFFICIENT_HOLDING');
    expect(r.error.details).toMatchObject({ id: 's', symbol: 'AAPL', held: '1', requested: '1.5' });
  });

  it('orders by date, not by input order, so a sell recorded before its buy still works', () => {
    const r = computeHoldings([sell('s', '2024-01-05', 'AAPL', '1', '120'), buy('b', '2024-01-02', 'AAPL', '1', '100')], 'fifo');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.realized[0]!.pnl).toBe('20.00');
  });

  it('counts an ISO instant on its UTC day and puts a bare date before instants of the same day', () => {
    const r = computeHoldings(
      [sell('s', '2024-01-02T09:00:00+02:00', 'AAPL', '1', '120'), buy('b', '2024-01-02', 'AAPL', '1', '100')],
      'fifo',
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.realized[0]!.date).toBe('2024-01-02');
  });

  it('refuses bad input with stable codes', () => {
    const cases: [Activity, string][] = [
      [buy('x', '2024-02-30', 'AAPL', '1', '1'), 'INVALID_ACTIVITY'],
      [buy('x', '2024-01-02', 'AAPL', '0', '1'), 'INVALID_AMOUNT'],
      [buy('x', '2024-01-02', 'AAPL', '-1', '1'), 'INVALID_AMOUNT'],
      [buy('x', '2024-01-02', 'AAPL', '1e3', '1'), 'INVALID_AMOUNT'],
      [buy('x', '2024-01-02', 'AAPL', '0.0000000000000000001', '1'), 'INVALID_AMOUNT'],
      [buy('x', '2024-01-02', 'AAPL', '1', '0.00000000001'), 'INVALID_AMOUNT'],
      [buy('x', '2024-01-02', 'AAPL', '1', '1', '0.001'), 'INVALID_AMOUNT'],
      [buy('x', '2024-01-02', 'AAPL', '1', '1', '0', 'ZZZ'), 'UNKNOWN_CURRENCY'],
      [{ id: 'x', date: '2024-01-02', type: 'deposit', currency: 'JPY', amount: '1.5' }, 'INVALID_AMOUNT'],
      [{ id: 'x', date: '2024-01-02', type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '1', toCurrency: 'USD', toAmount: '1' }, 'INVALID_ACTIVITY'],
    ];
    for (const [a, code] of cases) {
      const r = computeHoldings([a], 'fifo');
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(a)).toBe(code);
    }
    const mismatch = computeHoldings([buy('a', '2024-01-02', 'SAP', '1', '1', '0', 'EUR'), buy('b', '2024-01-03', 'SAP', '1', '1', '0', 'USD')], 'fifo');
    expect(mismatch.ok ? 'ok' : mismatch.error.code).toBe('CURRENCY_MISMATCH');
  });

  it('moves cash for every activity type, fx-exchange at the rate actually paid', () => {
    const r = computeHoldings(
      [
        { id: 'd', date: '2024-01-02', type: 'deposit', currency: 'USD', amount: '1000' },
        buy('b', '2024-01-03', 'AAPL', '2', '150.5', '1'), // −302.00
        sell('s', '2024-01-04', 'AAPL', '1', '160', '1'), // +159.00
        { id: 'v', date: '2024-01-05', type: 'dividend', currency: 'USD', amount: '0.24', symbol: 'AAPL' },
        { id: 'i', date: '2024-01-05', type: 'interest', currency: 'USD', amount: '1.10' },
        { id: 'f', date: '2024-01-05', type: 'fee', currency: 'USD', amount: '2.50' },
        { id: 'x', date: '2024-01-06', type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '500', toCurrency: 'JPY', toAmount: '73012' },
        { id: 'w', date: '2024-01-07', type: 'withdrawal', currency: 'USD', amount: '100' },
      ],
      'fifo',
    );
    if (!r.ok) throw new Error(r.error.message);
    // 1000 − 302 + 159 + 0.24 + 1.10 − 2.50 − 500 − 100 = 255.84
    expect(r.data.cash).toEqual({ JPY: '73012', USD: '255.84' });
  });
});
