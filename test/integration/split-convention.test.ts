import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/contract/settings.js';
import { PortfolioService } from '../../main/portfolio/service.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { testKey } from '../support/db-key.js';

/**
 * The split convention (docs/design.md#corporate-actions): closes are stored as traded (unadjusted) and quantities
 * change from the split's date. A holding bought for all the cash there is keeps its value through a 2-for-1 split
 * on every day of the value chart: the portfolio engine (shared/portfolio/) reading the stored log and the closes of
 * a real market.db. Without the split row the same closes halve the value: the test can fail.
 */
let dir: string;
let profile: Store;
let market: Store;
let seq = 0;
let settings: Settings;

const sql = (store: Store, text: string, ...args: unknown[]) => store.writer.write((db) => db.prepare(text).run(...args));
const activity = (type: string, date: string, currency: string, amount: string, more: { symbol?: string; quantity?: string; price?: string } = {}) =>
  sql(
    profile,
    `INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?)`,
    `act-${++seq}`,
    type,
    date,
    more.symbol ?? null,
    more.quantity ?? null,
    more.price ?? null,
    type === 'buy' || type === 'sell' ? '0' : null,
    currency,
    amount,
    `${date}T12:00:00.000Z`,
  );
/** A split as the ledger stores it (main/ledger/lot-events.ts): the ratio in quantity and price, no cash. */
const split = (symbol: string, date: string, numerator: string, denominator: string, currency = 'USD') =>
  activity('split', date, currency, '0', { symbol, quantity: numerator, price: denominator });
const bar = (symbol: string, date: string, close: string, currency = 'USD') =>
  sql(market, `INSERT OR REPLACE INTO daily_bars (symbol, date, source, currency, close) VALUES (?, ?, 'yahoo', ?, ?)`, symbol, date, currency, close);

function service(today: string): PortfolioService {
  return new PortfolioService({
    profile,
    market,
    livePrice: () => undefined,
    settings: () => settings,
    today: () => today,
    now: () => Date.parse(`${today}T22:00:00Z`),
    fxPriority: () => ['frankfurter'],
    barPriority: () => ['yahoo'],
  });
}

/** Weekdays from `from` to `to`. */
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(from); d <= Date.parse(to); d += 86_400_000) {
    const day = new Date(d).getUTCDay();
    if (day !== 0 && day !== 6) out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}

/** The value chart from `from` on, as distinct values. */
async function values(s: PortfolioService, from: string): Promise<string[]> {
  const v = PortfolioSnapshot.parse(await s.snapshot());
  return [...new Set(v.series.filter((p) => p.date >= from).map((p) => p.value))];
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-split-'));
  profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
  market = await openMarketStore(join(dir, 'market.db'));
  settings = { ...DEFAULT_SETTINGS, baseCurrency: 'USD', costMethod: 'fifo' };
  seq = 0;
  await sql(profile, `INSERT INTO instruments (symbol, name, asset_class, quote_currency, created_at, updated_at) VALUES ('AAPL', 'Apple', 'stock', 'USD', 'x', 'x')`);
  // 1,000 USD, all in 10 AAPL at 100. Closes as traded: 100 until Tuesday 2024-03-05, 50 from the split on.
  await activity('deposit', '2024-03-01', 'USD', '1000.00');
  await activity('buy', '2024-03-01', 'USD', '1000.00', { symbol: 'AAPL', quantity: '10', price: '100' });
  for (const d of weekdays('2024-03-01', '2024-03-29')) await bar('AAPL', d, d < '2024-03-06' ? '100' : '50');
});

afterEach(async () => {
  await profile.close();
  await market.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a 2-for-1 split on the value chart', () => {
  it('without the split the stored closes halve the value (the case the convention prevents)', async () => {
    expect(await values(service('2024-03-29'), '2024-03-01')).toEqual(['1000.00', '500.00']);
  });

  for (const method of ['fifo', 'average'] as const) {
    it(`neither halves nor doubles the holding on any day (${method})`, async () => {
      settings = { ...settings, costMethod: method };
      await split('AAPL', '2024-03-06', '2', '1');
      const s = service('2024-03-29');
      expect(await values(s, '2024-03-01')).toEqual(['1000.00']);
      const v = PortfolioSnapshot.parse(await s.snapshot());
      expect(v.holdings.map((h) => [h.symbol, h.quantity, h.totalCost, h.averageCost, h.marketValue])).toEqual([['AAPL', '20', '1000.00', '50.0000000000', '1000.00']]);
    });
  }

  it('dated on a day without a close (a Saturday), the old close is split until the next one', async () => {
    await split('AAPL', '2024-03-09', '2', '1');
    await sql(market, `UPDATE daily_bars SET close = CASE WHEN date < '2024-03-09' THEN '100' ELSE '50' END`);
    expect(await values(service('2024-03-29'), '2024-03-01')).toEqual(['1000.00']);
  });

  it('recorded after a snapshot, and with a trade back-dated before it, the chart stays right', async () => {
    const s = service('2024-03-29');
    expect(await values(s, '2024-03-01')).toEqual(['1000.00', '500.00']);
    await split('AAPL', '2024-03-06', '2', '1');
    s.invalidate();
    expect(await values(s, '2024-03-01')).toEqual(['1000.00']);
    // 500 more USD, 5 more AAPL at 100 on 03-04 (before the split: 10 after it), all at the stored closes.
    await activity('deposit', '2024-03-04', 'USD', '500.00');
    await activity('buy', '2024-03-04', 'USD', '500.00', { symbol: 'AAPL', quantity: '5', price: '100' });
    s.invalidate();
    expect(await values(s, '2024-03-04')).toEqual(['1500.00']);
    expect(PortfolioSnapshot.parse(await s.snapshot()).holdings.map((h) => h.quantity)).toEqual(['30']);
  });

  it('a 1-for-10 reverse split of an instrument in another currency', async () => {
    settings = { ...settings, baseCurrency: 'EUR' };
    for (const d of weekdays('2024-02-26', '2024-03-29')) await sql(market, `INSERT INTO fx_rates (base, quote, date, source, rate) VALUES ('EUR', 'USD', ?, 'frankfurter', '1.25')`, d);
    await split('AAPL', '2024-03-06', '1', '10');
    await sql(market, `UPDATE daily_bars SET close = CASE WHEN date < '2024-03-06' THEN '100' ELSE '1000' END`);
    // 1,000 USD at 1.25 USD per EUR = 800 EUR every day.
    expect(await values(service('2024-03-29'), '2024-03-01')).toEqual(['800.00']);
  });
});
