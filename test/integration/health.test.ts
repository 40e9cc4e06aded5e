import { Database } from '../support/db-key.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport, HealthRow } from '../../shared/contract/index.js';
import { key } from '../support/app.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

/**
 * The data health report on a real app: real SQLite, the real worker code syncing through the real provider
 * registry (every network provider at a closed loopback port, so stock syncs fail; the bundled FX history answers),
 * a real feed server for live prices. Closes with a gap are written to market.db as a sync would store them.
 */
let t: TradingApp;
const report = () => t.call<HealthReport>('health:report', {});
const row = async (k: string): Promise<HealthRow | undefined> => (await report()).rows.find((r) => r.key === k);

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const end = Date.now() + 30_000;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await tradingApp();
  await t.call('instrument:add', AAPL);
  await t.call('instrument:add', { symbol: 'SAP', name: 'SAP SE', assetClass: 'stock', quoteCurrency: 'EUR' });
  await t.call('wallet:deposit', { currency: 'EUR', amount: '100', idempotencyKey: key() });
  await t.setPrice('AAPL', '187.5');
  const m = new Database(join(t.dir, 'market.db'));
  const bar = m.prepare("INSERT OR REPLACE INTO daily_bars (symbol, date, source, currency, close) VALUES ('SAP', ?, 'stooq-test', 'EUR', ?)");
  // Thu 4th, Fri 5th, then nothing until Wed 17th: 7 weekdays missing (8th … 16th).
  for (const [d, c] of [['2024-01-04', '150'], ['2024-01-05', '151'], ['2024-01-17', '152']] as const) bar.run(d, c);
  m.close();
}, 60_000);

afterAll(async () => t?.close());

describe('data health', () => {
  it('lists every instrument and pair in use with what it is used for', async () => {
    const r = await report();
    expect(r.baseCurrency).toBe('USD');
    const keys = r.rows.map((x) => x.key);
    expect(keys).toEqual(expect.arrayContaining(['AAPL', 'SAP', 'EUR-USD']));
    expect(r.rows.find((x) => x.key === 'EUR-USD')).toMatchObject({ kind: 'fx', series: 'EUR-USD', uses: expect.arrayContaining(['held', 'watchlist']) });
    expect(r.rows.find((x) => x.key === 'AAPL')).toMatchObject({ kind: 'instrument', uses: ['watchlist'] });
  });

  it('names the provider, the last close, the gaps and the longest one', async () => {
    const sap = await row('SAP');
    expect(sap).toMatchObject({ provider: 'stooq-test', firstDate: '2024-01-04', lastDate: '2024-01-17', gapWeekdays: 7, longestGap: { from: '2024-01-08', to: '2024-01-16', weekdays: 7 } });
    expect(sap!.problem).toContain('7 weekdays without a close from 2024-01-08 to 2024-01-16');
    expect(sap!.problem).toMatch(/The last close is \d+ days old \(2024-01-17\)/);
  });

  it('shows the live price with its flags', async () => {
    const aapl = await row('AAPL');
    expect(aapl!.live).toMatchObject({ price: '187.5', source: 'test', simulated: false, stale: false });
    expect(aapl).toMatchObject({ stale: false, simulated: false });
  });

  it('says in words why a series failed to sync, and which circuit breakers opened', async () => {
    const aapl = await until('AAPL sync', () => row('AAPL'), (r) => r?.sync?.state === 'failed');
    expect(aapl!.lastDate).toBeNull();
    expect(aapl!.problem).toContain('No close is stored yet');
    expect(aapl!.problem).toMatch(/The last sync failed: .*yahoo did not answer \(network or server error\)/);
    expect(aapl!.breakers.map((b) => b.provider)).toContain('yahoo');
  });

  it('an FX pair served by the bundled history names it as its provider', async () => {
    const eur = await until('EUR sync', () => row('EUR-USD'), (r) => r?.lastDate !== null && r?.sync?.state === 'done');
    expect(eur!.provider).toBe('bundled');
    expect(eur!.firstDate! < eur!.lastDate!).toBe(true);
  });

  it('is refused when signed out', async () => {
    await t.call('profile:logout', {});
    expect((await t.refused('health:report', {})).code).toBe('UNAUTHENTICATED');
  });
});
