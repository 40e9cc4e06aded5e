import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../shared/portfolio/activity.js';
import { dayNumber, dayString } from '../../shared/portfolio/days.js';
import { formatFixed, parseUnits } from '../../shared/decimal/index.js';
import { BASE_DP, PRICE_DP } from '../../shared/portfolio/scales.js';
import { computeSnapshot } from '../../shared/portfolio/performance.js';
import { buildPriceTable, type PricePoint } from '../../shared/portfolio/price-table.js';
import { linkGrowth, twrWindows } from '../../shared/portfolio/twr.js';
import { todaySeries } from '../../main/portfolio/today.js';

/**
 * Today revalued at live marks (main/portfolio/today.ts) redoes only the last growth link, without copying the
 * value and growth arrays: the same series point and returns as relinking copies of the whole arrays.
 */
const START = dayNumber('2024-01-01');
const DAYS = 30;
const to = dayString(START + DAYS - 1);

function table() {
  const prices: Record<string, PricePoint[]> = { AAA: [], BBB: [] };
  for (let d = 0; d < DAYS; d++) {
    prices.AAA!.push({ date: dayString(START + d), value: (100 + (d % 7)).toFixed(2) });
    if (d % 2 === 0) prices.BBB!.push({ date: dayString(START + d), value: (50 + (d % 5) / 4).toFixed(2) });
  }
  const fx: Record<string, PricePoint[]> = { EUR: Array.from({ length: DAYS }, (_, d) => ({ date: dayString(START + d), value: (1.08 + (d % 3) / 100).toFixed(4) })) };
  return buildPriceTable({ baseCurrency: 'USD', prices, fx });
}

describe('today at live marks', () => {
  const t = table();
  it('equals relinking copies of the whole arrays', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: DAYS - 1 }), s: fc.constantFrom('AAA', 'BBB'), q: fc.integer({ min: 1, max: 40 }), dep: fc.integer({ min: 0, max: 3000 }) }), { minLength: 1, maxLength: 12 }),
        fc.option(fc.integer({ min: 1, max: 40_000 })),
        fc.option(fc.integer({ min: 1, max: 40_000 })),
        fc.option(fc.integer({ min: 9000, max: 12_000 })),
        (trades, aaa, bbb, eur) => {
          const acts: Activity[] = [];
          trades
            .sort((a, b) => a.day - b.day)
            .forEach((x, i) => {
              const date = dayString(START + x.day);
              const currency = x.s === 'AAA' ? 'USD' : 'EUR';
              if (x.dep > 0) acts.push({ id: `d${i}`, date, type: i % 3 === 2 ? 'withdrawal' : 'deposit', currency, amount: String(x.dep) });
              acts.push({ id: `b${i}`, date, type: 'buy', symbol: x.s, quantity: String(x.q), price: '60', currency });
            });
          const r = computeSnapshot({ activities: acts, method: 'fifo', table: t, to });
          if (!r.ok) throw new Error(r.error.message);
          const state = r.data.state;
          const prices = new Map<string, bigint>();
          if (aaa !== null) prices.set('AAA', parseUnits((aaa / 100).toFixed(2), PRICE_DP)!);
          if (bbb !== null) prices.set('BBB', parseUnits((bbb / 100).toFixed(2), PRICE_DP)!);
          const rates = new Map<string, bigint>();
          if (eur !== null) rates.set('EUR', parseUnits((eur / 10_000).toFixed(4), 18)!);
          const got = todaySeries(state, { prices, rates });
          // The reference: today's value, then the arrays copied and relinked from the last day.
          const n = state.values.length;
          const values = state.values.slice();
          values[n - 1] = got.value!;
          const growth = state.growth.slice();
          linkGrowth(values, state.flows, growth, n - 1);
          expect(got.returns).toEqual(twrWindows(growth, state.firstDay));
          expect(got.series.at(-1)!.value).toBe(formatFixed(values[n - 1]!, BASE_DP, 2));
          expect(got.series.slice(0, -1)).toEqual(state.snapshot.series.slice(0, -1));
        },
      ),
      { numRuns: 300 },
    );
  });
});
