import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FxRateRepository } from '../../main/market/fx-rates.js';
import { carriedRateSeries, rateSeries, rememberedSeries, resolveRate } from '../../main/market/fx-resolve.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';

const r = (base: string, quote: string, date: string, rate: string, source = 'frankfurter') => ({ base, quote, date, rate, source });

describe('FX resolution on a real market.db', () => {
  let dir: string;
  let store: Store;
  let repo: FxRateRepository;
  const priority = ['frankfurter', 'ecb', 'bundled'];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-fx-'));
    store = await openMarketStore(join(dir, 'market.db'));
    repo = new FxRateRepository(store);
    await repo.ingest([
      r('EUR', 'USD', '2024-03-01', '1.0838'),
      r('EUR', 'USD', '2024-03-04', '1.0853'),
      r('EUR', 'USD', '2024-03-04', '1.0850', 'ecb'),
      r('EUR', 'JPY', '2024-03-01', '162.38'),
      r('USD', 'CHF', '2024-03-01', '0.8836', 'bundled'),
    ]);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const resolve = (a: string, b: string, d: string, p = priority) => store.writer.write((db) => resolveRate(db, a, b, d, p));

  it('uses the published rate of the date, and the first provider in priority order', async () => {
    expect(await resolve('EUR', 'USD', '2024-03-04')).toMatchObject({ rate: '1.0853', source: 'frankfurter', filled: false });
    expect(await resolve('EUR', 'USD', '2024-03-04', ['ecb', 'frankfurter'])).toMatchObject({ rate: '1.0850', source: 'ecb' });
  });

  it('carries Friday into the weekend and says so', async () => {
    expect(await resolve('EUR', 'USD', '2024-03-03')).toMatchObject({ rate: '1.0838', publishedDate: '2024-03-01', filled: true });
  });

  it('never uses a later rate for an earlier date, and gives up past the lookback', async () => {
    expect(await resolve('EUR', 'USD', '2024-02-29')).toBeUndefined();
    expect(await resolve('EUR', 'USD', '2024-03-20')).toBeUndefined();
  });

  it('inverts and crosses through a pivot', async () => {
    expect(await resolve('USD', 'EUR', '2024-03-01')).toMatchObject({ rate: '0.922679461155', path: ['EUR-USD⁻¹'] });
    const chf = await resolve('EUR', 'CHF', '2024-03-01');
    expect(chf).toMatchObject({ rate: '0.95764568', source: 'frankfurter+bundled', path: ['EUR-USD', 'USD-CHF'] });
    const jpyUsd = await resolve('JPY', 'USD', '2024-03-01');
    expect(jpyUsd?.path).toEqual(['EUR-JPY⁻¹', 'EUR-USD']);
  });

  it('builds a filled daily series that stops at the last publication', async () => {
    const s = await store.writer.write((db) => rateSeries(db, 'EUR', 'USD', '2024-03-01', '2024-03-10', priority));
    expect(s.map((p) => `${p.date}:${p.rate}:${p.filled ? 'f' : 'p'}`)).toEqual([
      '2024-03-01:1.0838:p',
      '2024-03-02:1.0838:f',
      '2024-03-03:1.0838:f',
      '2024-03-04:1.0853:p',
    ]);
  });

  it('gives each day of an inverted or crossed series the rate a lookup of that day gives', async () => {
    await repo.ingest([r('EUR', 'JPY', '2024-03-05', '162.9'), r('EUR', 'JPY', '2024-03-06', '163.1'), r('EUR', 'USD', '2024-03-06', '1.0901')]);
    for (const [a, b] of [['USD', 'EUR'], ['JPY', 'USD'], ['USD', 'JPY']] as const) {
      const s = await store.writer.write((db) => rateSeries(db, a, b, '2024-03-01', '2024-03-08', priority));
      const days = await store.writer.write((db) => s.map((p) => resolveRate(db, a, b, p.date, priority)));
      expect(s.length).toBeGreaterThan(5);
      expect(s.map((p) => [p.date, p.rate, p.publishedDate, p.filled])).toEqual(days.map((d) => [d!.date, d!.rate, d!.publishedDate, d!.filled]));
    }
  });

  it('remembers a series for the readers of one computation: the same answer, read once', async () => {
    const series = rememberedSeries();
    const { first, again, other, plain } = await store.writer.write((db) => ({
      first: series(db, 'USD', 'EUR', '2024-03-01', '2024-03-04', priority),
      again: series(db, 'USD', 'EUR', '2024-03-01', '2024-03-04', priority),
      other: series(db, 'USD', 'EUR', '2024-03-02', '2024-03-04', priority),
      plain: carriedRateSeries(db, 'USD', 'EUR', '2024-03-01', '2024-03-04', priority),
    }));
    expect(plain).toHaveLength(4);
    expect(first).toEqual(plain);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(other).toEqual(plain.slice(1));
  });
});
