import { Database } from '../support/db-key.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import type { HistoryEntry, HistorySummary, PortfolioSnapshot } from '../../shared/contract/index.js';
import { key, ok, tempApp } from '../support/app.js';

/**
 * The History totals use the Portfolio's rule (main/market/fx-resolve.ts carriedRateSeries): an entry with no rate
 * published within ten days of its date is valued at the last rate stored before it and named with that rate's date,
 * instead of being left out (offline, the totals showed 0.00 in and out); a rate published after an entry's date
 * never values it. Real profile and market databases; rates written by another connection as a sync would.
 */
describe('history totals carry the last stored rate, never a later one', () => {
  let app: App;
  let done: () => Promise<void>;
  let dir: string;
  const c = <T>(ch: string, p: unknown) => ok<T>(app.dispatch(ch, p));
  const summary = () => c<HistorySummary>('history:summary', { filter: {} });
  const rows = async () =>
    (await c<{ rows: HistoryEntry[] }>('history:page', { filter: {}, sort: { column: 'date', direction: 'asc' }, offset: 0, limit: 50 })).rows;

  beforeAll(async () => {
    const t = await tempApp();
    app = t.app;
    done = t.cleanup;
    dir = t.dir;
    // EUR→USD published on two days in January only: every entry in March is weeks past the last publication.
    const m = new Database(join(dir, 'market.db'));
    const put = m.prepare("INSERT INTO fx_rates (base, quote, date, source, rate) VALUES (?, ?, ?, 'ecb', ?)");
    put.run('EUR', 'USD', '2024-01-02', '1.1');
    put.run('EUR', 'USD', '2024-01-03', '1.2');
    m.close();
    await c('profile:create', { username: 'carried', password: 'correct horse battery' });
    const rec = (p: Record<string, unknown>) => c('activity:record', { ...p, idempotencyKey: key('c') });
    await rec({ type: 'deposit', currency: 'EUR', amount: '100.00', date: '2024-03-01' });
    await rec({ type: 'withdrawal', currency: 'EUR', amount: '40.00', date: '2024-03-04' });
  }, 60_000);
  afterAll(async () => done?.());

  it('values entries weeks after the last publication at that rate and names its date (not 0.00 in and out)', async () => {
    const s = await summary();
    expect(s).toMatchObject({
      entries: 2,
      in: '120.00',
      out: '48.00',
      net: '72.00',
      unconverted: { entries: 0, currencies: [] },
      carried: [{ currency: 'EUR', rateDate: '2024-01-03', entries: 2 }],
    });
    const [deposit, withdrawal] = await rows();
    expect(deposit).toMatchObject({ date: '2024-03-01', fxRate: '1.2', fxDate: '2024-01-03', baseAmount: '120.00' });
    expect(withdrawal).toMatchObject({ date: '2024-03-04', fxRate: '1.2', fxDate: '2024-01-03', baseAmount: '-48.00' });
  });

  it('never values a past entry at a rate published after its date', async () => {
    // An entry before the first publication stays unconverted, though rates exist after it.
    await c('activity:record', { type: 'deposit', currency: 'EUR', amount: '10.00', date: '2023-12-29', idempotencyKey: key('c') });
    // A rate published between the two March entries values only the later one.
    const m = new Database(join(dir, 'market.db'));
    m.prepare("INSERT INTO fx_rates (base, quote, date, source, rate) VALUES ('EUR', 'USD', '2024-03-02', 'ecb', '1.3')").run();
    m.close();
    const s = await summary();
    expect(s).toMatchObject({
      entries: 3,
      in: '120.00',
      out: '52.00',
      unconverted: { entries: 1, currencies: ['EUR'] },
      carried: [{ currency: 'EUR', rateDate: '2024-01-03', entries: 1 }],
    });
    const [early, deposit, withdrawal] = await rows();
    expect(early).toMatchObject({ date: '2023-12-29', fxRate: null, fxDate: null, baseAmount: null });
    expect(deposit).toMatchObject({ date: '2024-03-01', fxRate: '1.2', fxDate: '2024-01-03' });
    expect(withdrawal).toMatchObject({ date: '2024-03-04', fxRate: '1.3', fxDate: '2024-03-02', baseAmount: '-52.00' });
  });

  it('the Portfolio values the same money by the same rule', async () => {
    const p = await c<PortfolioSnapshot>('portfolio:snapshot', {});
    // 100 − 40 + 10 EUR held today, at the last stored rate (1.3 of 2024-03-02), named as stale: 91.00 USD.
    expect(p.cash.find((x) => x.currency === 'EUR')).toMatchObject({ balance: '70.00', valueBase: '91.00' });
    expect(p.warnings.staleFx).toEqual([{ currency: 'EUR', date: '2024-03-02' }]);
  });
});
