import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../shared/portfolio/activity.js';
import { addMonths, dayNumber, dayString } from '../../shared/portfolio/days.js';
import { activitiesOf, applyActivity, computeSnapshot, openLots, realizedSells, type SnapshotResult } from '../../shared/portfolio/performance.js';
import { buildPriceTable, type PricePoint } from '../../shared/portfolio/price-table.js';

const ok = (r: SnapshotResult) => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};
const pts = (rows: [string, string][]): PricePoint[] => rows.map(([date, value]) => ({ date, value }));

describe('days', () => {
  it('round-trips day numbers and clamps month arithmetic', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2024-12-31', '2100-03-01', '1969-12-31']) expect(dayString(dayNumber(d))).toBe(d);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2024-01-15', -3)).toBe('2023-10-15');
  });
});

describe('time-weighted return', () => {
  // Textbook case (e.g. CFA Institute, "Time-weighted rate of return"): 1,000,000 invested; it grows to 1,100,000
  // (+10 %); then 50,000 is deposited and the whole grows to 1,200,000 (1,200,000 / 1,150,000 = +4.3478 %).
  // TWR = 1.10 × 1.0434782608… − 1 = 26.4 / 23 − 1 = 0.1478260870, whatever the size of the deposit.
  // Here: day 1 deposit 1,000,000 and buy 1,000 X @ 1,000; day 2 X closes at 1,100; day 3 deposit 50,000 (counted
  // at the start of the day), X closes at 1,150: 1,150,000 + 50,000 cash = 1,200,000.
  const activities: Activity[] = [
    { id: 'd1', date: '2024-01-01', type: 'deposit', currency: 'USD', amount: '1000000' },
    { id: 'b1', date: '2024-01-01', type: 'buy', symbol: 'X', quantity: '1000', price: '1000', currency: 'USD' },
    { id: 'd2', date: '2024-01-03', type: 'deposit', currency: 'USD', amount: '50000' },
  ];
  const table = buildPriceTable({ baseCurrency: 'USD', prices: { X: pts([['2024-01-01', '1000'], ['2024-01-02', '1100'], ['2024-01-03', '1150']]) }, fx: {} });

  it('links daily returns around a mid-period deposit', () => {
    const { snapshot } = ok(computeSnapshot({ activities, method: 'fifo', table, to: '2024-01-03' }));
    expect(snapshot.series).toEqual([
      { date: '2024-01-01', value: '1000000.00', flow: '1000000.00' },
      { date: '2024-01-02', value: '1100000.00', flow: '0.00' },
      { date: '2024-01-03', value: '1200000.00', flow: '50000.00' },
    ]);
    expect(snapshot.returns.Max).toEqual({ start: '2023-12-31', end: '2024-01-03', twr: '0.1478260870', clamped: false });
    expect(snapshot.returns['1M']).toMatchObject({ start: '2023-12-31', twr: '0.1478260870', clamped: true });
    expect(snapshot.returns.YTD).toMatchObject({ start: '2023-12-31', twr: '0.1478260870', clamped: false });
  });

  it('measures a window from the close before it (YTD from 31 December, 1M from the same day a month earlier)', () => {
    const acts: Activity[] = [
      { id: 'd', date: '2023-12-01', type: 'deposit', currency: 'USD', amount: '100' },
      { id: 'b', date: '2023-12-01', type: 'buy', symbol: 'X', quantity: '1', price: '100', currency: 'USD' },
    ];
    // X: 100 → 120 on 2023-12-31 → 150 on 2024-01-15 → 165 on 2024-02-15.
    const t = buildPriceTable({ baseCurrency: 'USD', prices: { X: pts([['2023-12-01', '100'], ['2023-12-31', '120'], ['2024-01-15', '150'], ['2024-02-15', '165']]) }, fx: {} });
    const { snapshot } = ok(computeSnapshot({ activities: acts, method: 'fifo', table: t, to: '2024-02-15' }));
    expect(snapshot.returns.YTD).toMatchObject({ start: '2023-12-31', twr: '0.3750000000' }); // 165 / 120 − 1
    expect(snapshot.returns['1M']).toMatchObject({ start: '2024-01-15', twr: '0.1000000000' }); // 165 / 150 − 1
    expect(snapshot.returns.Max).toMatchObject({ twr: '0.6500000000' });
    expect(snapshot.returns['1Y']).toMatchObject({ start: '2023-11-30', clamped: true, twr: '0.6500000000' });
  });

  it('a withdrawal is not a loss', () => {
    const acts: Activity[] = [
      { id: 'd', date: '2024-01-01', type: 'deposit', currency: 'USD', amount: '1000' },
      { id: 'w', date: '2024-01-02', type: 'withdrawal', currency: 'USD', amount: '400' },
      { id: 'i', date: '2024-01-03', type: 'interest', currency: 'USD', amount: '6' },
    ];
    const { snapshot } = ok(computeSnapshot({ activities: acts, method: 'fifo', table: buildPriceTable({ baseCurrency: 'USD', prices: {}, fx: {} }), to: '2024-01-03' }));
    expect(snapshot.series.map((p) => p.value)).toEqual(['1000.00', '600.00', '606.00']);
    expect(snapshot.returns.Max!.twr).toBe('0.0100000000'); // 606 / 600 − 1; the withdrawal day is 600 / (1000 − 400) − 1 = 0
  });
});

describe('value series', () => {
  it('values each day at that day\'s FX rate and carries closes over gaps', () => {
    const acts: Activity[] = [
      { id: 'd', date: '2024-01-01', type: 'deposit', currency: 'EUR', amount: '1000' },
      { id: 'b', date: '2024-01-01', type: 'buy', symbol: 'SAP', quantity: '5', price: '150', fee: '1', currency: 'EUR' },
      { id: 'x', date: '2024-01-03', type: 'fx-exchange', fromCurrency: 'EUR', fromAmount: '100', toCurrency: 'USD', toAmount: '109.50' },
    ];
    const table = buildPriceTable({
      baseCurrency: 'USD',
      prices: { SAP: pts([['2024-01-01', '150'], ['2024-01-02', '152']]) },
      fx: { EUR: pts([['2024-01-01', '1.10'], ['2024-01-03', '1.12']]) },
    });
    const { snapshot } = ok(computeSnapshot({ activities: acts, method: 'fifo', table, to: '2024-01-04' }));
    // Day 1: cash 1000 − 751 = 249 EUR, SAP 5 × 150 = 750 → 999 EUR × 1.10 = 1098.90
    // Day 2: SAP 760 + 249 = 1009 EUR × 1.10 (carried) = 1109.90
    // Day 3: SAP 760 + 149 = 909 EUR × 1.12 = 1018.08, + 109.50 USD = 1127.58
    // Day 4: nothing new: carried close and rate → 1127.58
    expect(snapshot.series.map((p) => p.value)).toEqual(['1098.90', '1109.90', '1127.58', '1127.58']);
    expect(snapshot.series[0]!.flow).toBe('1100.00');
    expect(snapshot.cash).toEqual({ EUR: '149.00', USD: '109.50' });
    expect(snapshot.holdings[0]).toMatchObject({ symbol: 'SAP', quantity: '5', totalCost: '751.00' });
    expect(snapshot.warnings).toEqual({ pricedAtTrade: [], missingFx: [] });
  });

  it('values an instrument at its trade price until its first close, and says so', () => {
    const acts: Activity[] = [{ id: 'b', date: '2024-01-01', type: 'buy', symbol: 'NEW', quantity: '2', price: '10', currency: 'USD' }];
    const table = buildPriceTable({ baseCurrency: 'USD', prices: { NEW: pts([['2024-01-03', '12']]) }, fx: {} });
    const { snapshot } = ok(computeSnapshot({ activities: acts, method: 'fifo', table, to: '2024-01-03' }));
    expect(snapshot.series.map((p) => p.value)).toEqual(['0.00', '0.00', '4.00']); // 2 × 10 − 20 cash, then 2 × 12 − 20
    expect(snapshot.warnings.pricedAtTrade).toEqual(['NEW']);
  });

  it('refuses an oversell with INSUFFICIENT_HOLDING', () => {
    const r = computeSnapshot({
      activities: [{ id: 's', date: '2024-01-01', type: 'sell', symbol: 'X', quantity: '1', price: '1', currency: 'USD' }],
      method: 'average',
      table: buildPriceTable({ baseCurrency: 'USD', prices: {}, fx: {} }),
      to: '2024-01-02',
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('INSUFFICIENT_HOLDING');
  });
});

// ---- incremental update = full recomputation ------------------------------------------------------------------------

const SYMBOLS = [
  { symbol: 'AAA', currency: 'USD' },
  { symbol: 'BBB', currency: 'EUR' },
  { symbol: 'CCC', currency: 'JPY' },
];
const START = dayNumber('2024-01-01');
const DAYS = 40;

function marketTable() {
  const prices: Record<string, PricePoint[]> = {};
  SYMBOLS.forEach((s, i) => {
    // Weekdays only, the first close a few days in, so carry-forward and pricing-at-trade both happen.
    prices[s.symbol] = [];
    for (let d = 2 + i; d < DAYS; d++) if ((START + d + 4) % 7 < 5) prices[s.symbol]!.push({ date: dayString(START + d), value: (100 + ((d * 7 + i * 13) % 23) + d / 8).toFixed(3) });
  });
  const fx: Record<string, PricePoint[]> = {
    EUR: Array.from({ length: DAYS }, (_, d) => ({ date: dayString(START + d), value: (1.08 + (d % 5) / 100).toFixed(4) })),
    JPY: Array.from({ length: DAYS }, (_, d) => ({ date: dayString(START + d), value: (0.0067 + (d % 3) / 10000).toFixed(6) })),
  };
  return buildPriceTable({ baseCurrency: 'USD', prices, fx });
}

const activityArb = (id: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('trade' as const), side: fc.constantFrom('buy' as const, 'buy' as const, 'sell' as const), s: fc.integer({ min: 0, max: 2 }), q: fc.integer({ min: 1, max: 50 }), p: fc.integer({ min: 1, max: 300 }), fee: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: 0, max: DAYS + 3 }) }),
    fc.record({ kind: fc.constantFrom('deposit' as const, 'withdrawal' as const, 'dividend' as const, 'fee' as const), c: fc.constantFrom('USD', 'EUR', 'JPY'), amt: fc.integer({ min: 1, max: 5000 }), day: fc.integer({ min: 0, max: DAYS + 3 }) }),
  ).map((g): Activity => {
    const date = dayString(START + g.day);
    if (g.kind === 'trade') {
      const s = SYMBOLS[g.s]!;
      return { id: `a${id}`, date, type: g.side, symbol: s.symbol, quantity: (g.q / 10).toString(), price: (g.p / 4).toString(), fee: s.currency === 'JPY' ? String(g.fee) : (g.fee / 2).toFixed(2), currency: s.currency };
    }
    return { id: `a${id}`, date, type: g.kind, currency: g.c, amount: g.c === 'JPY' ? String(g.amt * 100) : (g.amt / 4).toFixed(2) };
  });

describe('incremental update', () => {
  const table = marketTable();
  const to = dayString(START + DAYS - 1);

  it('gives exactly the full computation, for appended and back-dated activities (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 30 }).chain((xs) => fc.tuple(...xs.map((_, i) => activityArb(i)))), fc.constantFrom('fifo' as const, 'average' as const), (acts, method) => {
        const full = computeSnapshot({ activities: acts, method, table, from: '2024-01-01', to });
        const prefix = computeSnapshot({ activities: acts.slice(0, -1), method, table, from: '2024-01-01', to });
        if (!prefix.ok) return; // the prefix already oversells: nothing to update
        const inc = applyActivity(prefix.data.state, acts.at(-1)!);
        expect(inc.ok).toBe(full.ok);
        if (!full.ok || !inc.ok) {
          if (!full.ok && !inc.ok) expect(inc.error.code).toBe(full.error.code);
          return;
        }
        expect(inc.data.snapshot).toEqual(full.data.snapshot);
        expect(realizedSells(inc.data.state)).toEqual(realizedSells(full.data.state));
      }),
      { numRuns: 200 },
    );
  });

  it('gives exactly the full computation after a chain of updates, several of them back-dated (property)', () => {
    // One instrument with closes from its first trade on, trades applied one at a time in random date order: it is
    // replayed again and again (from the trades parsed for the previous replay), with appends in between.
    const tradeArb = fc.record({ sell: fc.boolean(), q: fc.integer({ min: 1, max: 50 }), p: fc.integer({ min: 1, max: 300 }), fee: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: 2, max: DAYS + 3 }) });
    fc.assert(
      fc.property(fc.array(tradeArb, { minLength: 2, maxLength: 25 }), fc.constantFrom('fifo' as const, 'average' as const), (trades, method) => {
        const acts: Activity[] = [
          { id: 'd', date: dayString(START), type: 'deposit', currency: 'USD', amount: '100000' },
          { id: 'b0', date: dayString(START + 2), type: 'buy', symbol: 'AAA', quantity: '1000', price: '100', currency: 'USD' },
          ...trades.map((t, i): Activity => ({ id: `t${i}`, date: dayString(START + t.day), type: t.sell ? 'sell' : 'buy', symbol: 'AAA', quantity: (t.q / 10).toString(), price: (t.p / 4).toString(), fee: (t.fee / 2).toFixed(2), currency: 'USD' })),
        ];
        let state = ok(computeSnapshot({ activities: acts.slice(0, 2), method, table, from: '2024-01-01', to })).state;
        for (let i = 2; i < acts.length; i++) {
          state = ok(applyActivity(state, acts[i]!)).state;
          const full = ok(computeSnapshot({ activities: acts.slice(0, i + 1), method, table, from: '2024-01-01', to }));
          expect(state.snapshot).toEqual(full.snapshot);
          expect(realizedSells(state)).toEqual(realizedSells(full.state));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('chains several updates', () => {
    const acts: Activity[] = [
      { id: 'd', date: '2024-01-01', type: 'deposit', currency: 'USD', amount: '10000' },
      { id: 'b1', date: '2024-01-08', type: 'buy', symbol: 'AAA', quantity: '10', price: '100', currency: 'USD' },
      { id: 'b2', date: '2024-01-05', type: 'buy', symbol: 'AAA', quantity: '1', price: '90', currency: 'USD' },
      { id: 's1', date: '2024-01-20', type: 'sell', symbol: 'AAA', quantity: '4', price: '120', currency: 'USD' },
      { id: 'e', date: '2024-01-10', type: 'deposit', currency: 'EUR', amount: '50' },
    ];
    let state = ok(computeSnapshot({ activities: acts.slice(0, 1), method: 'fifo', table, from: '2024-01-01', to })).state;
    for (const a of acts.slice(1)) state = ok(applyActivity(state, a)).state;
    expect(state.snapshot).toEqual(ok(computeSnapshot({ activities: acts, method: 'fifo', table, from: '2024-01-01', to })).snapshot);
    // FIFO after the back-dated b2: the sell of 4 takes b2 (1 @ 90) then 3 of b1 (300): 480 − 390 = 90.00.
    expect(realizedSells(state)[0]!.pnl).toBe('90.00');
    // Two different updates of the same state (a branch) do not see each other's activity.
    const x: Activity = { id: 'x', date: '2024-01-25', type: 'deposit', currency: 'USD', amount: '1' };
    const y: Activity = { id: 'y', date: '2024-01-26', type: 'withdrawal', currency: 'USD', amount: '2' };
    const withX = ok(applyActivity(state, x)).state;
    const withY = ok(applyActivity(state, y)).state;
    expect(activitiesOf(withX).map((a) => a.id)).toEqual([...acts.map((a) => a.id), 'x']);
    expect(activitiesOf(withY).map((a) => a.id)).toEqual([...acts.map((a) => a.id), 'y']);
    expect(activitiesOf(state)).toHaveLength(acts.length);
    expect(withY.snapshot).toEqual(ok(computeSnapshot({ activities: [...acts, y], method: 'fifo', table, from: '2024-01-01', to })).snapshot);
    expect(openLots(state, 'AAA')).toEqual([{ activityId: 'b1', date: '2024-01-08', quantity: '7', cost: '700.00' }]);
    expect(state.snapshot.holdings[0]).toEqual({ symbol: 'AAA', currency: 'USD', quantity: '7', totalCost: '700.00', averageCost: '100.0000000000', realizedPnl: '90.00' });
  });
});
