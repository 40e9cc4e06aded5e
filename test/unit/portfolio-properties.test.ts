import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import type { Activity } from '../../shared/portfolio/activity.js';
import { computeHoldings } from '../../shared/portfolio/cost-basis.js';

/**
 * Random sequences of buys and sells (18-digit quantities, 10-digit prices, cent fees) checked against a plain
 * bigint model: holdings equal the sum of fills, an oversell is refused at exactly the first sell that exceeds the
 * holding, FIFO and average cost agree on quantity and on total P&L once everything is sold, and every figure is a
 * valid decimal string.
 */
const SYMBOLS = ['AAA', 'BBB', 'CCC'];
const Q = 10n ** 18n;
const qtyText = (units: bigint) => new D(units.toString()).dividedBy(Q.toString()).toFixed();
const SIGNED = /^-?(0|[1-9]\d*)(\.\d+)?$/;

const stepArb = fc.record({
  side: fc.constantFrom('buy', 'buy', 'sell'),
  s: fc.integer({ min: 0, max: 2 }),
  // Quantities from 1e-18 to ~1000, so crypto dust and whole shares mix.
  units: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 1000n * Q })),
  // Sells mostly take a fraction of what is held; sometimes an absolute quantity that may be too much.
  fraction: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(-1)),
  price: fc.bigInt({ min: 1n, max: 10n ** 15n }).map((p) => new D(p.toString()).dividedBy(1e10).toFixed()),
  fee: fc.integer({ min: 0, max: 500 }).map((c) => (c / 100).toFixed(2)),
});

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function build(steps: Step[]) {
  const held = new Map<string, bigint>(SYMBOLS.map((s) => [s, 0n]));
  const acts: Activity[] = [];
  let firstOversell: string | undefined;
  steps.forEach((st, i) => {
    const symbol = SYMBOLS[st.s]!;
    const h = held.get(symbol)!;
    let units = st.units;
    if (st.side === 'sell' && st.fraction > 0) units = (h * BigInt(st.fraction)) / 1000n;
    if (units === 0n) units = st.units;
    const id = `t${i}`;
    if (st.side === 'sell' && units > h) firstOversell ??= id;
    else held.set(symbol, st.side === 'buy' ? h + units : h - units);
    const date = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    acts.push({ id, date, type: st.side as 'buy' | 'sell', symbol, quantity: qtyText(units), price: st.price, fee: st.fee, currency: 'USD' });
  });
  return { acts, held, firstOversell };
}

describe('cost basis properties', () => {
  it('holdings equal the sum of fills, never negative; an oversell is refused where it happens', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.constantFrom('fifo' as const, 'average' as const), (steps, method) => {
        const { acts, held, firstOversell } = build(steps);
        const r = computeHoldings(acts, method);
        if (firstOversell) {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error).toMatchObject({ code: 'INSUFFICIENT_HOLDING', details: { id: firstOversell } });
          return;
        }
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        for (const h of r.data.holdings) {
          expect(h.quantity).toBe(qtyText(held.get(h.symbol)!));
          expect(new D(h.quantity).isNegative()).toBe(false);
          expect(new D(h.totalCost).isNegative()).toBe(false);
          for (const v of [h.quantity, h.totalCost, h.realizedPnl, h.averageCost ?? '0']) expect(v).toMatch(SIGNED);
          if (method === 'fifo') expect(h.lots!.reduce((t, l) => t.plus(l.quantity), new D(0)).toFixed()).toBe(new D(h.quantity).toFixed());
          if (method === 'fifo') expect(h.lots!.reduce((t, l) => t.plus(l.cost), new D(0)).toFixed(2)).toBe(h.totalCost);
        }
        for (const s of r.data.realized) for (const v of [s.quantity, s.proceeds, s.cost, s.pnl]) expect(v).toMatch(SIGNED);
      }),
      { numRuns: 300 },
    );
  });

  it('FIFO and average cost agree on quantity, and on total P&L once everything is sold', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.bigInt({ min: 1n, max: 10n ** 14n }), (steps, closeUnits) => {
        const { acts, held, firstOversell } = build(steps);
        if (firstOversell) return;
        const close = new D(closeUnits.toString()).dividedBy(1e8).toFixed();
        const end = '2030-01-01';
        const closing: Activity[] = [...held].filter(([, q]) => q > 0n).map(([symbol, q]) => ({ id: `close-${symbol}`, date: end, type: 'sell', symbol, quantity: qtyText(q), price: close, fee: '0.01', currency: 'USD' }));
        const fifoOpen = computeHoldings(acts, 'fifo');
        const avgOpen = computeHoldings(acts, 'average');
        if (!fifoOpen.ok || !avgOpen.ok) throw new Error('unexpected refusal');
        expect(fifoOpen.data.holdings.map((h) => h.quantity)).toEqual(avgOpen.data.holdings.map((h) => h.quantity));
        // realized + unrealized at the closing price agree (cost bases differ, market value does not) ...
        const total = (hs: typeof fifoOpen.data.holdings) =>
          hs.reduce((t, h) => t.plus(h.realizedPnl).plus(new D(h.quantity).times(close).toDecimalPlaces(2, D.ROUND_HALF_EVEN)).minus(h.totalCost), new D(0)).toFixed(2);
        expect(total(fifoOpen.data.holdings)).toBe(total(avgOpen.data.holdings));
        // ... and once everything is sold the realized totals are equal to the cent, and equal proceeds − costs.
        const fifo = computeHoldings([...acts, ...closing], 'fifo');
        const avg = computeHoldings([...acts, ...closing], 'average');
        if (!fifo.ok || !avg.ok) throw new Error('unexpected refusal');
        const realized = (hs: typeof fifo.data.holdings) => hs.reduce((t, h) => t.plus(h.realizedPnl), new D(0)).toFixed(2);
        expect(realized(fifo.data.holdings)).toBe(realized(avg.data.holdings));
        expect(fifo.data.holdings.every((h) => h.quantity === '0' && h.totalCost === '0.00')).toBe(true);
        expect(avg.data.holdings.every((h) => h.quantity === '0' && h.totalCost === '0.00')).toBe(true);
        const cash = fifo.data.cash.USD ?? '0.00';
        expect(new D(realized(fifo.data.holdings)).toFixed(2)).toBe(new D(cash).toFixed(2));
      }),
      { numRuns: 200 },
    );
  });
});
