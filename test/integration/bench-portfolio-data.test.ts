import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { PortfolioService } from '../../main/portfolio/service.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { fill, generateForBench } from '../support/portfolio-bench-data.js';
import { testKey } from '../support/db-key.js';

/**
 * The portfolio benchmarks' data set (bench/portfolio.ts) as the service sees it: rates are published as the ECB
 * publishes them (Monday to Friday, EUR-based), stored for every day of the history, so the snapshot values every
 * currency on every day and reports no missing rate. A warning here would mean the benchmark measures a snapshot
 * that leaves currencies out of some days (and books their value as a return when the rates begin).
 */
const TODAY = '2025-12-31';
const utcDay = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('the portfolio benchmarks data', () => {
  it('has closes and rates on Monday to Friday only, from the first activity day', () => {
    const data = generateForBench(500);
    const first = data.acts[0]!.date;
    for (const [currency, points] of Object.entries(data.fx)) {
      expect(points[0]!.date, currency).toBe(first);
      const weekend = points.filter((p) => utcDay(p.date) === 0 || utcDay(p.date) === 6);
      expect(weekend, currency).toEqual([]);
    }
    const stock = data.prices.S0!;
    expect(stock.filter((p) => utcDay(p.date) === 0 || utcDay(p.date) === 6)).toEqual([]);
    expect(new Set(stock.map((p) => utcDay(p.date)))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  describe('through the portfolio service', () => {
    let dir: string;
    let profile: Store;
    let market: Store;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bourse-bench-data-'));
      profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
      market = await openMarketStore(join(dir, 'market.db'));
      await fill(profile, market, 500);
    });
    afterAll(async () => {
      await profile.close();
      await market.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('values every currency on every day, the opening deposits included', async () => {
      const service = new PortfolioService({
        profile,
        market,
        livePrice: () => undefined,
        settings: () => ({ ...DEFAULT_SETTINGS, baseCurrency: 'USD', costMethod: 'fifo' }),
        today: () => TODAY,
        now: () => Date.parse(`${TODAY}T15:00:00Z`),
        fxPriority: () => ['frankfurter'],
      });
      const snap = await service.snapshot();
      expect(snap.warnings.missingFx).toEqual([]);
      expect(snap.warnings.staleFx).toEqual([]);
      // The five deposits of the first day are the whole value and the whole flow of that day: nothing of them
      // appears later as growth.
      const [day1] = snap.series;
      expect(day1!.date).toBe('2016-01-01');
      expect(day1!.flow).toBe(day1!.value);
      // More than the USD deposit alone (50,000,000): the other four currencies are in it.
      expect(new D(day1!.value).gt('50000000')).toBe(true);
    });
  });
});
