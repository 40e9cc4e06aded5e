import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/contract/settings.js';
import type { PortfolioByAccount } from '../../shared/contract/portfolio.js';
import { ActivityService } from '../../main/activities/service.js';
import { LotsService } from '../../main/lots/service.js';
import { PortfolioService } from '../../main/portfolio/service.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { testKey } from '../support/db-key.js';

const TODAY = '2024-06-28';
let n = 0;
const key = () => `portfolio-warm-${process.pid}-${++n}`;

/**
 * The snapshot by account prepared ahead of its first request (PortfolioService.warmByAccount, run after sign-in):
 * replayed and taken to the base currency one small slice at a time, it gives exactly the figures a cold request
 * computes, and the request finds the lots kept. EUR trades in a USD profile, so every closed lot needs the rates of
 * its own acquisition and sale days.
 */
describe('the snapshot by account prepared ahead', () => {
  let dir: string;
  let profile: Store;
  let market: Store;
  const settings: Settings = { ...DEFAULT_SETTINGS, baseCurrency: 'USD', costMethod: 'fifo' };
  const service = (lots: LotsService) =>
    new PortfolioService({ profile, market, lots, livePrice: () => undefined, settings: () => settings, today: () => TODAY, now: () => Date.parse(`${TODAY}T15:00:00Z`), fxPriority: () => ['frankfurter'] });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-portfolio-warm-'));
    profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
    market = await openMarketStore(join(dir, 'market.db'));
    await profile.writer.write((db) => {
      db.prepare(`INSERT INTO instruments (symbol, name, asset_class, quote_currency, created_at, updated_at) VALUES ('SAP', 'SAP', 'stock', 'EUR', 'x', 'x')`).run();
    });
    await market.writer.write((db) => {
      const rate = db.prepare(`INSERT INTO fx_rates (base, quote, date, source, rate) VALUES ('EUR', 'USD', ?, 'frankfurter', ?)`);
      for (let m = 1; m <= 6; m++) rate.run(`2024-0${m}-01`, `1.0${m}`);
      db.prepare(`INSERT INTO daily_bars (symbol, date, source, currency, close) VALUES ('SAP', '2024-06-27', 'yahoo', 'EUR', '150')`).run();
    });
    const activities = new ActivityService(profile, () => TODAY);
    const record = (p: Record<string, unknown>) => activities.record({ idempotencyKey: key(), ...p } as Parameters<ActivityService['record']>[0]);
    await record({ type: 'deposit', currency: 'EUR', amount: '100000', date: '2024-01-01' });
    for (let m = 1; m <= 5; m++) {
      await record({ type: 'buy', symbol: 'SAP', quantity: '10', price: `${100 + m}.5`, fee: '1', date: `2024-0${m}-02` });
      await record({ type: 'sell', symbol: 'SAP', quantity: '7', price: `${110 + m}`, fee: '0.5', date: `2024-0${m + 1}-03` });
    }
  });
  afterEach(async () => {
    await profile.close();
    await market.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([1, 4, undefined])('gives the cold figures, prepared %s lots at a time', async (slice) => {
    const cold = (await service(new LotsService()).snapshot({ asOf: TODAY })) as PortfolioByAccount;
    const lots = new LotsService();
    const warmed = service(lots);
    await warmed.warmByAccount(() => true, slice);
    const ahead = (await warmed.snapshot({ asOf: TODAY })) as PortfolioByAccount;
    expect(lots.build).toBe('kept');
    expect(ahead.totals).toEqual(cold.totals);
    expect(ahead.accounts).toEqual(cold.accounts);
    expect(ahead.realizedByYear).toEqual(cold.realizedByYear);
    // Every sell realized in USD at its own days' rates: nothing left out for want of one.
    expect(cold.warnings.missingFx).toEqual([]);
    expect(cold.totals.realizedPnl).not.toBe('0.00');
  });

  it('the first live snapshot prepares the lots in slices, joining a preparation under way', async () => {
    const lots = new LotsService();
    const s = service(lots);
    const ahead = s.warmByAccount(() => true, 1);
    expect(s.warmByAccount(() => true, 1)).toBe(ahead);
    const live = await s.snapshot();
    // Kept by the preparation, not replayed by the request's own read.
    expect(lots.build).toBe('kept');
    expect(live.totals.realizedPnl).toBe(((await service(new LotsService()).snapshot({ asOf: TODAY })) as PortfolioByAccount).totals.realizedPnl);
    const fresh = new LotsService();
    await service(fresh).snapshot();
    expect(fresh.build).toBe('kept');
  });

  it('stops when told, and the request computes the rest', async () => {
    const cold = (await service(new LotsService()).snapshot({ asOf: TODAY })) as PortfolioByAccount;
    const warmed = service(new LotsService());
    let slices = 0;
    await warmed.warmByAccount(() => ++slices < 6, 1);
    expect(slices).toBe(6);
    expect(((await warmed.snapshot({ asOf: TODAY })) as PortfolioByAccount).totals).toEqual(cold.totals);
  });
});
