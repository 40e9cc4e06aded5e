import { Database } from '../support/db-key.js';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../main/compose.js';
import { countOf, legSums, spanOf } from '../../main/history/totals.js';
import type { HistoryFilter } from '../../shared/contract/index.js';
import { ok } from '../support/app.js';
import { seedHistory } from '../support/history-seed.js';
import { testComposeOptions } from '../support/options.js';

/**
 * spanOf (the count, date range and currencies an export starts from, in one aggregate) against the same figures
 * derived from legSums (the sums the history's totals use), on a seeded profile, for random filters.
 */
let dir: string;
let db: Database.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-history-span-'));
  const app = await compose(testComposeOptions(dir));
  const s = await ok<{ profile: { id: string } }>(app.dispatch('profile:create', { username: 'span', password: 'correct horse battery' }));
  await app.close();
  const file = join(dir, 'profiles', s.profile.id, 'bourse.db');
  seedHistory(file, 6000, { seed: 3, keepRows: false, days: 400 });
  db = new Database(file);
  // A day row at zero entries (legSums leaves such groups out): it must not widen the span or add a currency.
  db.exec("INSERT INTO history_days (date, currency, type, symbol, leg, entries, whole, frac_e8) VALUES ('2020-12-25', 'JPY', 'deposit', '', 'cash', 0, 0, 0)");
}, 60_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const day = fc.integer({ min: 0, max: 420 }).map((d) => new Date(Date.UTC(2020, 11, 20) + d * 86_400_000).toISOString().slice(0, 10));
const range = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
const filters: fc.Arbitrary<HistoryFilter> = fc
  .record(
  {
    range: fc.option(range, { nil: undefined }),
    from: day,
    to: day,
    types: fc.uniqueArray(fc.constantFrom('deposit', 'withdrawal', 'buy', 'sell', 'dividend', 'fee', 'fx-exchange', 'interest'), { minLength: 1, maxLength: 3 }),
    symbol: fc.constantFrom('AAPL', 'SAP', 'NESN', 'NONE'),
    currency: fc.constantFrom('USD', 'EUR', 'CHF', 'JPY'),
    search: fc.constantFrom('a', 'ro', 'zz'),
  },
  { requiredKeys: ['range'] },
  )
  // Mostly a proper range; now and then only one bound, or bounds the wrong way round.
  .map(({ range: r, from, to, ...rest }) => ({ ...rest, ...(r ?? {}), ...(r ? {} : from ? { from } : {}), ...(r ? {} : to ? { to } : {}) })) as fc.Arbitrary<HistoryFilter>;

describe('spanOf', () => {
  it('gives legSums’s count, first and last date and currencies for any filter (fast-check)', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(filters, (filter) => {
        const sums = legSums(db, filter);
        const dates = sums.map((s) => s.date).sort();
        const span = spanOf(db, filter);
        if (span.entries > 0) nonEmpty += 1;
        expect({ ...span, currencies: [...span.currencies].sort() }).toEqual({
          entries: countOf(sums, filter),
          first: dates[0] ?? null,
          last: dates.at(-1) ?? null,
          currencies: [...new Set(sums.map((s) => s.currency))].sort(),
        });
      }),
      // The unfiltered history, and filters that meet the zero-entry row, always among the runs.
      { numRuns: 400, examples: [[{}], [{ types: ['deposit'] }], [{ currency: 'JPY' }], [{ to: '2020-12-31' }]] },
    );
    // The filters were not all empty ones.
    expect(nonEmpty).toBeGreaterThan(25);
  });
});
