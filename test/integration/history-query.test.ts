import { Database } from '../support/db-key.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import type { HistoryEntry, HistoryFilter, HistorySort, HistorySummary } from '../../shared/contract/index.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { key, ok, tempApp } from '../support/app.js';
import { OUT, pendingHistoryRows, seedHistory, type SeedRow } from '../support/history-seed.js';

/**
 * The history query on a real profile database of 12,000 seeded entries: every filter and sort against an oracle
 * computed here from the seeded rows, pages at offsets on both sides of the 1000-row anchor windows, counts, and
 * the anchors dropped after a write. Totals are checked by hand on a small profile with stored FX rates.
 */
const N = 12_000;
let app: App;
let cleanup: () => Promise<void>;
let rows: SeedRow[];
let file: string;

const call = <T>(channel: string, payload: unknown) => ok<T>(app.dispatch(channel, payload));

beforeAll(async () => {
  const t = await tempApp();
  app = t.app;
  cleanup = t.cleanup;
  const s = await call<{ profile: { id: string } }>('profile:create', { username: 'historian', password: 'correct horse battery' });
  await call('profile:logout', {});
  file = join(t.dir, 'profiles', s.profile.id, 'bourse.db');
  rows = seedHistory(file, N, { seed: 7 });
  // A third of the rows as a trade or deposit leaves them: not yet in the sort indexes (profile-006-history-pending).
  // Every case below then reads both arms of every sort; the last one again once the indexer has caught up.
  const db = new Database(file);
  db.prepare('UPDATE activities SET h_ready = 0 WHERE rowid % 3 = 1').run();
  db.close();
  await call('profile:login', { username: 'historian', password: 'correct horse battery' });
}, 120_000);

afterAll(async () => cleanup?.());

// ---- the oracle -------------------------------------------------------------------------------------------------

const signed = (r: SeedRow) => (OUT.has(r.type) ? `-${r.amount}` : r.amount);
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const num = (v: string | null) => (v === null ? new D(-1) : new D(v));

function cmpKey(column: HistorySort['column'], a: SeedRow, b: SeedRow): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  switch (column) {
    case 'date':
      return 0;
    case 'type':
      return text(a.type, b.type);
    case 'instrument':
      return text(a.symbol ?? '', b.symbol ?? '');
    case 'currency':
      return text(a.currency, b.currency);
    case 'note':
      return text(nocase(a.note ?? ''), nocase(b.note ?? ''));
    case 'amount':
      return new D(signed(a)).comparedTo(signed(b));
    case 'quantity':
      return num(a.quantity).comparedTo(num(b.quantity));
    case 'price':
      return num(a.price).comparedTo(num(b.price));
    case 'fee':
      return num(a.fee).comparedTo(num(b.fee));
  }
}

function expected(filter: HistoryFilter, sort: HistorySort): SeedRow[] {
  const search = filter.search ? nocase(filter.search) : null;
  const out = rows.filter(
    (r) =>
      (!filter.from || r.date >= filter.from) &&
      (!filter.to || r.date <= filter.to) &&
      (!filter.types?.length || filter.types.includes(r.type as never)) &&
      (!filter.symbol || r.symbol === filter.symbol) &&
      (!filter.currency || r.currency === filter.currency || r.to_currency === filter.currency) &&
      (!search || nocase(r.note ?? '').includes(search)),
  );
  const dir = sort.direction === 'asc' ? 1 : -1;
  return out.sort((a, b) => dir * (cmpKey(sort.column, a, b) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.rowid - b.rowid));
}

async function page(filter: HistoryFilter, sort: HistorySort, offset: number, limit: number): Promise<HistoryEntry[]> {
  return (await call<{ rows: HistoryEntry[] }>('history:page', { filter, sort, offset, limit })).rows;
}

// ---- the cases --------------------------------------------------------------------------------------------------

const sorts: HistorySort[] = (['date', 'type', 'instrument', 'currency', 'note', 'amount', 'quantity', 'price', 'fee'] as const).flatMap((column) => [
  { column, direction: 'desc' as const },
  { column, direction: 'asc' as const },
]);

const filters: HistoryFilter[] = [
  {},
  { from: '2021-06-01', to: '2022-06-30' },
  { types: ['deposit'] },
  { types: ['buy', 'sell'] },
  { currency: 'EUR' },
  { currency: 'CHF', types: ['fx-exchange'] },
  { symbol: 'AAPL' },
  { search: 'rent' },
  { search: '"' },
  { from: '2022-01-01', currency: 'USD', types: ['buy', 'withdrawal', 'fee'] },
];

describe('history list', () => {
  it('every sort, both directions, on the whole history: pages at offsets across anchor windows match the oracle', async () => {
    for (const sort of sorts) {
      const all = expected({}, sort);
      for (const offset of [0, 950, 999, 1000, 1001, 4321, 9000, all.length - 30]) {
        const got = await page({}, sort, offset, 100);
        expect(got.map((r) => r.id), `${sort.column} ${sort.direction} @${offset}`).toEqual(all.slice(offset, offset + 100).map((r) => r.id));
      }
      expect(await page({}, sort, all.length + 5, 100)).toEqual([]);
    }
  });

  it('every filter (date range, type, instrument, currency incl. an exchange’s received side, note search) with several sorts', async () => {
    for (const filter of filters) {
      for (const sort of [sorts[0]!, sorts[1]!, sorts[10]!, sorts[13]!]) {
        const all = expected(filter, sort);
        const summary = await call<HistorySummary>('history:summary', { filter });
        expect(summary.entries, JSON.stringify(filter)).toBe(all.length);
        for (const offset of [0, 1000, Math.max(0, all.length - 7)]) {
          const got = await page(filter, sort, offset, 50);
          expect(got.map((r) => r.id), `${JSON.stringify(filter)} ${sort.column} ${sort.direction} @${offset}`).toEqual(all.slice(offset, offset + 50).map((r) => r.id));
        }
      }
    }
  });

  it('a row carries every field, the signed amount and the balance after it', async () => {
    const got = await page({}, { column: 'date', direction: 'asc' }, 0, 500);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const e of got) {
      const r = byId.get(e.id)!;
      expect(e).toMatchObject({ date: r.date, type: r.type, symbol: r.symbol, quantity: r.quantity, price: r.price, fee: r.fee, currency: r.currency, amount: signed(r), toCurrency: r.to_currency, toAmount: r.to_amount, note: r.note, balanceAfter: r.balance_after, source: 'manual', createdAt: r.created_at });
    }
  });

  it('once the indexer has marked every row ready, the same pages come back', async () => {
    const pending = () => pendingHistoryRows(file);
    expect(pending()).toBeGreaterThan(1000);
    for (const end = Date.now() + 30_000; pending() > 0; ) {
      if (Date.now() > end) throw new Error(`${pending()} rows still pending`);
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const sort of [sorts[0]!, sorts[3]!, sorts[10]!, sorts[17]!]) {
      const all = expected({}, sort);
      for (const offset of [0, 1000, 4321]) {
        const got = await page({}, sort, offset, 100);
        expect(got.map((r) => r.id), `${sort.column} ${sort.direction} @${offset}`).toEqual(all.slice(offset, offset + 100).map((r) => r.id));
      }
    }
  });

  it('the count matches, and a write drops the anchors: a new entry shows up at its place', async () => {
    const sort: HistorySort = { column: 'amount', direction: 'desc' };
    const before = await page({}, sort, 5000, 10);
    const at = new Date().toISOString().slice(0, 10);
    await call('activity:record', { type: 'deposit', currency: 'USD', amount: '999999.99', date: at, idempotencyKey: key('top') });
    const top = await page({}, sort, 0, 1);
    expect(top[0]).toMatchObject({ amount: '999999.99', type: 'deposit', date: at, source: 'manual' });
    // Everything after moved down by one: the old row 5000 is now at 5001.
    const after = await page({}, sort, 5001, 10);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    const summary = await call<HistorySummary>('history:summary', { filter: {} });
    expect(summary.entries).toBe(N + 1);
  });

  it('facets list the instruments and currencies in use; refuses a range that ends before it starts', async () => {
    const f = await call<{ symbols: string[]; currencies: string[] }>('history:facets', {});
    expect(f.symbols).toEqual(['AAPL', 'MSFT', 'NESN', 'SAP']);
    expect(f.currencies).toEqual(['CHF', 'EUR', 'USD']);
    const r = await app.dispatch('history:page', { filter: { from: '2022-01-02', to: '2022-01-01' }, sort: { column: 'date', direction: 'desc' }, offset: 0, limit: 10 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('history totals in the base currency at each entry’s date', () => {
  let small: App;
  let done: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    const today = '2024-01-08';
    const t = await tempApp();
    small = t.app;
    done = t.cleanup;
    dir = t.dir;
    // Stored rates: EUR→USD 1.10 on Tuesday, 1.20 on Wednesday (nothing later: Thursday on carries Wednesday's).
    const m = new Database(join(t.dir, 'market.db'));
    const put = m.prepare("INSERT INTO fx_rates (base, quote, date, source, rate) VALUES (?, ?, ?, 'ecb', ?)");
    put.run('EUR', 'USD', '2024-01-02', '1.1');
    put.run('EUR', 'USD', '2024-01-03', '1.2');
    put.run('USD', 'JPY', '2024-01-02', '150');
    m.close();
    void today;
    const c = <T>(ch: string, p: unknown) => ok<T>(small.dispatch(ch, p));
    await c('profile:create', { username: 'totals', password: 'correct horse battery' });
    const rec = (p: Record<string, unknown>) => c('activity:record', { ...p, idempotencyKey: key('t') });
    await rec({ type: 'deposit', currency: 'EUR', amount: '100.00', date: '2024-01-02' }); // +110.00 USD
    await rec({ type: 'withdrawal', currency: 'EUR', amount: '50.00', date: '2024-01-03' }); // −60.00 USD
    await rec({ type: 'fee', currency: 'EUR', amount: '0.01', date: '2024-01-05' }); // −0.012 USD (carried 1.20)
    await rec({ type: 'deposit', currency: 'USD', amount: '20.00', date: '2024-01-02' }); // +20.00
    await rec({ type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '10.00', toCurrency: 'EUR', toAmount: '9.00', date: '2024-01-03' }); // −10.00, +10.80
    await rec({ type: 'deposit', currency: 'JPY', amount: '1500', date: '2024-01-02' }); // +10.00 (1/150)
    await rec({ type: 'deposit', currency: 'CHF', amount: '5.00', date: '2024-01-02' }); // no CHF rate: left out
    await c('instrument:add', { symbol: 'SAP', name: 'SAP SE', assetClass: 'stock', quoteCurrency: 'EUR' });
    await rec({ type: 'buy', symbol: 'SAP', quantity: '0.1', price: '100', fee: '0.50', date: '2024-01-03' }); // −10.50 EUR → −12.60, fee 0.60
  }, 60_000);
  afterAll(async () => done?.());

  it('in, out, fees and net: exact sums, each at its date’s rate (carried over a weekend, inverted, none)', async () => {
    const s = await ok<HistorySummary>(small.dispatch('history:summary', { filter: {} }));
    // in: 110 + 20 + 10.80 + 10 = 150.80; out: 60 + 0.012 + 10 + 12.60 = 82.612 → 82.61; fees: 0.012 + 0.60 = 0.612
    expect(s).toEqual({
      entries: 8,
      baseCurrency: 'USD',
      in: '150.80',
      out: '82.61',
      fees: '0.61',
      net: '68.19',
      transfers: 0,
      unconverted: { entries: 1, currencies: ['CHF'] },
      carried: [],
      firstDate: '2024-01-02',
      lastDate: '2024-01-05',
    });
  });

  it('a currency filter counts that currency’s legs only (an exchange’s received side included)', async () => {
    const s = await ok<HistorySummary>(small.dispatch('history:summary', { filter: { currency: 'EUR' } }));
    // EUR legs: +110, −60, −0.012, +10.80 (received), −12.60 (the buy; its fee 0.60)
    expect(s).toMatchObject({ entries: 5, in: '120.80', out: '72.61', fees: '0.61', net: '48.19', unconverted: { entries: 0, currencies: [] } });
    const range = await ok<HistorySummary>(small.dispatch('history:summary', { filter: { from: '2024-01-03', to: '2024-01-03', currency: 'EUR' } }));
    expect(range).toMatchObject({ entries: 3, in: '10.80', out: '72.60', fees: '0.60' });
    const search = await ok<HistorySummary>(small.dispatch('history:summary', { filter: { search: 'nothing matches' } }));
    expect(search).toMatchObject({ entries: 0, in: '0.00', out: '0.00', net: '0.00' });
  });

  it('each row carries its date’s rate and its base amount, half-even at the base currency’s minor unit', async () => {
    const r = await ok<{ rows: HistoryEntry[] }>(small.dispatch('history:page', { filter: {}, sort: { column: 'date', direction: 'asc' }, offset: 0, limit: 50 }));
    const pick = (type: string, currency: string) => r.rows.find((x) => x.type === type && x.currency === currency)!;
    expect(pick('deposit', 'EUR')).toMatchObject({ fxRate: '1.1', baseAmount: '110.00', balanceAfter: '100.00' });
    expect(pick('fee', 'EUR')).toMatchObject({ fxRate: '1.2', baseAmount: '-0.01', amount: '-0.01' });
    expect(pick('deposit', 'JPY')).toMatchObject({ baseAmount: '10.00' });
    expect(pick('deposit', 'CHF')).toMatchObject({ fxRate: null, baseAmount: null });
    expect(pick('buy', 'EUR')).toMatchObject({ amount: '-10.50', fee: '0.50', baseAmount: '-12.60', symbol: 'SAP' });
    expect(pick('fx-exchange', 'USD')).toMatchObject({ amount: '-10.00', toCurrency: 'EUR', toAmount: '9.00', fxRate: '1', baseAmount: '-10.00' });
  });

  it('a rate stored after a page was read is used by the next page and the totals, and one removed is gone', async () => {
    const chf = async () => {
      const r = await ok<{ rows: HistoryEntry[] }>(small.dispatch('history:page', { filter: { currency: 'CHF' }, sort: { column: 'amount', direction: 'desc' }, offset: 0, limit: 10 }));
      const s = await ok<HistorySummary>(small.dispatch('history:summary', { filter: {} }));
      return { row: r.rows[0], unconverted: s.unconverted.entries };
    };
    expect(await chf()).toMatchObject({ row: { baseAmount: null }, unconverted: 1 });
    // Written by another connection, as the rates' tests above do (the app's own writes count too: total_changes).
    const m = new Database(join(dir, 'market.db'));
    m.prepare("INSERT INTO fx_rates (base, quote, date, source, rate) VALUES ('CHF', 'USD', '2024-01-02', 'ecb', '1.1')").run();
    expect(await chf()).toMatchObject({ row: { fxRate: '1.1', baseAmount: '5.50' }, unconverted: 0 });
    m.prepare("DELETE FROM fx_rates WHERE base = 'CHF'").run();
    m.close();
    expect(await chf()).toMatchObject({ row: { fxRate: null, baseAmount: null }, unconverted: 1 });
  });
});
