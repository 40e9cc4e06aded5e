import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closePoints } from '../../main/portfolio/load-prices.js';
import { dayString } from '../../shared/portfolio/days.js';
import { PRICE_DP } from '../../shared/portfolio/scales.js';
import { parsePackedCloses } from '../../shared/portfolio/packed-series.js';
import { buildSeries } from '../../shared/portfolio/price-table.js';

/**
 * The packed-text reader of closes (packed-series.ts) against the general path it short-cuts (split into points,
 * best source per date, buildSeries): on random rows, with several sources per date, long and rounded closes,
 * invalid closes and dates, it either gives exactly the same series and last close, or declines (null).
 */
const rank = (source: string) => (source === 'yahoo' ? 0 : source === 'finnhub' ? 1 : 2);
const closeArb = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 4 })).map(([i, f, d]) => (d === 0 ? String(i) : `${i}.${String(f).padStart(4, '0').slice(0, d)}`)) },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.0', '-1.5', '01.2', '1.', '.5', '1e5', '123456789012.3456', '1.12345678901', '0.00000000001', '9007199254.7409925') },
);
const rowArb = fc.record({ gap: fc.integer({ min: 0, max: 3 }), close: closeArb, source: fc.constantFrom('yahoo', 'finnhub', 'alpha', 'zeta') });

function packed(rows: { gap: number; close: string; source: string }[], badDate: boolean): string {
  let day = 19_000;
  return rows
    .map((r, i) => {
      day += r.gap;
      const date = badDate && i === rows.length - 1 ? '2024-13-45' : dayString(day);
      return `${date}${r.close}\x1f${r.source}`;
    })
    .join('\x1e');
}

describe('packed closes', () => {
  it('match the general path, or decline', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), fc.boolean(), (rows, badDate) => {
        // Rows as SQLite returns them: by date, then source.
        const text = packed(rows, badDate);
        const sorted = text
          .split('\x1e')
          .sort((a, b) => (a.slice(0, 10) !== b.slice(0, 10) ? (a < b ? -1 : 1) : a.split('\x1f')[1]! < b.split('\x1f')[1]! ? -1 : 1))
          .join('\x1e');
        const got = parsePackedCloses(sorted, PRICE_DP, rank);
        if (got === null) return;
        fast++;
        const { points, last } = closePoints(sorted, rank);
        const want = buildSeries(points, PRICE_DP);
        expect(want.skipped).toBe(0);
        expect([...got.series.days]).toEqual([...want.series.days]);
        expect(got.series.values).toEqual(want.series.values);
        expect([...got.series.steps]).toEqual([...want.series.steps]);
        expect([...got.series.units]).toEqual([...want.series.units]);
        expect(got.series.stepExp).toBe(want.series.stepExp);
        expect(got.last).toEqual(last);
      }),
      { numRuns: 1000 },
    );
    expect(fast).toBeGreaterThan(100);
  });

  it('declines what it does not handle', () => {
    for (const bad of ['2024-01-011.5', '2024-01-01\x1fyahoo', '2024-01-0112.5\x1fyahoo\x1e2023-12-3112\x1fyahoo', '2024-01-010\x1fyahoo', '2024-01-011.123456789012\x1fyahoo']) {
      expect(parsePackedCloses(bad, PRICE_DP, rank)).toBeNull();
    }
    expect(parsePackedCloses('2024-01-011.5\x1fb\x1e2024-01-011.7\x1fa', PRICE_DP, () => 0)!.series.values).toEqual([17_000_000_000n]);
  });
});
