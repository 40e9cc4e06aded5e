import { copyDatabase, Database } from '../support/db-key.js';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkRecorder } from '../../main/ledger/bulk.js';
import { ActivityService, type RecordOptions } from '../../main/activities/service.js';
import { activityRepo } from '../../main/activities/repo.js';
import { deferDayLegs, flushDayLegs, recordDayLegs, type DayLegs } from '../../main/ledger/day-totals.js';
import { indexPendingHistory } from '../../main/ledger/indexer.js';
import type { Store } from '../../main/store/data-source.js';
import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { key, ok, tempApp } from '../support/app.js';
import { AAPL, BTC } from '../support/trading.js';

/**
 * The import's bulk path (main/activities/bulk.ts) against the one-row path it stands for: the same random
 * requests, valid or not (too precise, unknown currency or instrument, not enough cash or units, same-currency
 * exchanges), recorded one by one through `recordIn` (each in a savepoint, as a refused row must leave nothing) and
 * through one `BulkRecorder`. Every answer (the view's id or the refusal's code, message and details) and every row
 * the two leave behind, rowids and times included, must be the same.
 */
const TODAY = '2026-06-30';
let template: string;
let work: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await tempApp();
  cleanup = t.cleanup;
  const s = await ok<{ profile: { id: string } }>(t.app.dispatch('profile:create', { username: 'bulk', password: 'correct horse battery' }));
  for (const i of [AAPL, BTC, { symbol: 'SAP', name: 'SAP SE', assetClass: 'stock', quoteCurrency: 'EUR' }]) await ok(t.app.dispatch('instrument:add', i));
  // A wallet that exists before the import, with a balance the wallet screen wrote ("0" reserved, not "0.00").
  await ok(t.app.dispatch('wallet:deposit', { currency: 'USD', amount: '250.00', idempotencyKey: key('bulk') }));
  await t.app.close();
  template = join(t.dir, 'profiles', s.profile.id, 'bourse.db');
  work = mkdtempSync(join(tmpdir(), 'bourse-bulk-'));
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await cleanup?.();
});

const money = fc.oneof(fc.constantFrom('1', '0.5', '10.00', '12.345', '1000', '0.001', '99.99', '250.00', '3000'), fc.integer({ min: 1, max: 500_000 }).map((c) => (c / 100).toFixed(2)));
const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'BHD', 'XYZ');
const date = fc.constantFrom('2024-01-02', '2024-03-31', '2025-12-31', TODAY);
const note = fc.option(fc.constantFrom('  padded  ', 'plain', '', 'Café'), { nil: undefined });
const base = { date, note };

const request: fc.Arbitrary<ActivityRecordRequest> = fc.oneof(
  fc.record({ type: fc.constantFrom('deposit' as const, 'withdrawal' as const, 'interest' as const, 'fee' as const), currency, amount: money, ...base }),
  fc.record({ type: fc.constant('dividend' as const), currency, amount: money, symbol: fc.option(fc.constantFrom('AAPL', 'SAP', 'NOPE'), { nil: undefined }), ...base }),
  fc.record({
    type: fc.constantFrom('buy' as const, 'sell' as const),
    symbol: fc.constantFrom('AAPL', 'BTC-USD', 'SAP', 'NOPE'),
    quantity: fc.constantFrom('1', '2', '0.5', '0.00012345', '0.1234567'),
    price: fc.constantFrom('10', '187.25', '0.12345678912', '99.99'),
    fee: fc.option(fc.constantFrom('0.50', '1.00', '1.005', '500'), { nil: undefined }),
    ...base,
  }),
  fc.record({ type: fc.constant('fx-exchange' as const), fromCurrency: currency, fromAmount: money, toCurrency: currency, toAmount: money, ...base }),
).map((r) => ({ ...r, idempotencyKey: 'unused' }) as ActivityRecordRequest);

/** A row's options as the import builds them: RecordOptions plus the time it was recorded. */
type RowOptions = RecordOptions & { at?: string };

const options: fc.Arbitrary<Omit<RowOptions, 'id'>> = fc.record(
  { total: fc.constantFrom('150.00', '0.01', '20.005'), ledgerNote: fc.constant('Bought from a file'), at: fc.constantFrom('2024-05-01T10:00:00.000Z', '2024-05-02T11:30:00.000Z') },
  { requiredKeys: [] },
);

type Outcome = { id: string } | { code: string; message: string; details: unknown };

function everything(db: Database.Database) {
  return {
    activities: db.prepare('SELECT rowid, * FROM activities ORDER BY rowid').all(),
    ledger: db.prepare('SELECT * FROM ledger_entries ORDER BY id').all(),
    wallets: db.prepare('SELECT * FROM wallets ORDER BY id').all(),
    positions: db.prepare('SELECT * FROM positions ORDER BY symbol').all(),
    days: db.prepare('SELECT * FROM history_days ORDER BY date, currency, type, symbol, leg').all(),
  };
}

function run(file: string, items: { req: ActivityRecordRequest; options: RowOptions }[], bulk: boolean, batchRows = 64) {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  const service = new ActivityService(null as unknown as Store, () => TODAY);
  const outcomes: Outcome[] = [];
  const refusal = (err: unknown): Outcome => {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, message: err.message, details: err.details };
  };
  db.exec('BEGIN IMMEDIATE');
  if (bulk) {
    deferDayLegs(db);
    // Batches of a few rows reach every boundary of RowBatch; 64 is what the import uses.
    const recorder = batchRows === 64 ? service.bulk(db) : new BulkRecorder(db, TODAY, activityRepo.lookups(db), batchRows);
    for (const { req, options: o } of items) {
      try {
        recorder.checkDate(req.date);
        outcomes.push({ id: recorder.apply(recorder.plan(req, o.at!, o)) });
      } catch (err) {
        outcomes.push(refusal(err));
      }
    }
    recorder.finish();
    flushDayLegs(db);
  } else {
    for (const { req, options: o } of items) {
      try {
        service.checkDate(req.date);
        outcomes.push({ id: db.transaction(() => service.recordIn(db, req, o.at!, o))().id });
      } catch (err) {
        outcomes.push(refusal(err));
      }
    }
  }
  db.exec('COMMIT');
  // The bulk path leaves its rows to the history indexer (h_ready = 0, as a trade's): once it has run, both paths
  // must have left the same rows.
  const pending = (db.prepare('SELECT COUNT(*) AS n FROM activities WHERE h_ready = 0').get() as { n: number }).n;
  while (indexPendingHistory(db) > 0);
  const rows = everything(db);
  db.close();
  return { outcomes, rows, pending };
}

describe('bulk recorder (the import) against recordIn', () => {
  it('the same answers and the same rows for any sequence of requests (fast-check)', () => {
    let n = 0;
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.tuple(request, options), { minLength: 1, maxLength: 90 }), fc.constantFrom(1, 2, 3, 5, 64), (list, batchRows) => {
        n += 1;
        const items = list.map(([req, o], i) => ({ req, options: { at: '2024-05-01T09:00:00.000Z', ...o, id: `bulk-${i}` } }));
        const one = join(work, `one-${n}.db`);
        const many = join(work, `many-${n}.db`);
        copyDatabase(template, one);
        copyDatabase(template, many);
        const a = run(one, items, false);
        const b = run(many, items, true, batchRows);
        expect(b.outcomes).toEqual(a.outcomes);
        expect(b.rows).toEqual(a.rows);
        expect(b.pending - a.pending).toBe(b.outcomes.filter((o) => 'id' in o).length);
        rmSync(one);
        rmSync(many);
        for (const o of a.outcomes) seen.add('id' in o ? 'recorded' : o.code);
      }),
      { numRuns: Number(process.env.BULK_RUNS ?? 60) },
    );
    // Both paths were exercised: rows that went in and each kind of refusal.
    expect([...seen].sort()).toEqual(['INSUFFICIENT_FUNDS', 'INSUFFICIENT_HOLDING', 'INVALID_AMOUNT', 'INVALID_INPUT', 'NOT_FOUND', 'UNKNOWN_CURRENCY', 'recorded']);
  });

  it('balances taken exactly to zero, one unit too many, a first wallet, an exchange out of a wallet that is not there', () => {
    const at = '2024-05-01T09:00:00.000Z';
    const reqs: ActivityRecordRequest[] = [
      { type: 'withdrawal', currency: 'USD', amount: '250.00', date: '2024-01-02', idempotencyKey: 'x' },
      { type: 'withdrawal', currency: 'USD', amount: '0.01', date: '2024-01-02', idempotencyKey: 'x' },
      { type: 'fx-exchange', fromCurrency: 'EUR', fromAmount: '1.00', toCurrency: 'USD', toAmount: '1.10', date: '2024-01-03', idempotencyKey: 'x' },
      { type: 'deposit', currency: 'EUR', amount: '100', date: '2024-01-03', idempotencyKey: 'x' },
      { type: 'fx-exchange', fromCurrency: 'EUR', fromAmount: '100.00', toCurrency: 'USD', toAmount: '110.10', date: '2024-01-04', idempotencyKey: 'x' },
      { type: 'buy', symbol: 'AAPL', quantity: '2', price: '54.55', fee: '1.00', date: '2024-01-05', idempotencyKey: 'x' },
      { type: 'buy', symbol: 'AAPL', quantity: '1', price: '0.01', date: '2024-01-05', idempotencyKey: 'x' },
      { type: 'sell', symbol: 'AAPL', quantity: '3', price: '50', date: '2024-01-06', idempotencyKey: 'x' },
      { type: 'sell', symbol: 'AAPL', quantity: '2', price: '50', fee: '0.50', date: '2024-01-06', idempotencyKey: 'x' },
      { type: 'sell', symbol: 'AAPL', quantity: '0.000001', price: '50', date: '2024-01-06', idempotencyKey: 'x' },
    ];
    const items = reqs.map((req, i) => ({ req, options: { at, id: `edge-${i}` } }));
    const one = join(work, 'edge-one.db');
    const many = join(work, 'edge-many.db');
    copyDatabase(template, one);
    copyDatabase(template, many);
    const a = run(one, items, false);
    const b = run(many, items, true);
    expect(a.outcomes.map((o) => ('id' in o ? 'ok' : o.code))).toEqual(['ok', 'INSUFFICIENT_FUNDS', 'INSUFFICIENT_FUNDS', 'ok', 'ok', 'ok', 'INSUFFICIENT_FUNDS', 'INSUFFICIENT_HOLDING', 'ok', 'INSUFFICIENT_HOLDING']);
    expect(b.outcomes).toEqual(a.outcomes);
    expect(b.rows).toEqual(a.rows);
    expect((b.rows.wallets as { currency: string; balance: string }[]).map((w) => [w.currency, w.balance])).toEqual([
      ['USD', '99.50'],
      ['EUR', '0.00'],
    ]);
  });

  it('rows written in batches: the two entries of an exchange at the end of a batch, every batch size up to the rows', () => {
    const at = '2024-05-01T09:00:00.000Z';
    const reqs: ActivityRecordRequest[] = [
      { type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '10.00', toCurrency: 'EUR', toAmount: '9.00', date: '2024-01-02', idempotencyKey: 'x' },
      { type: 'deposit', currency: 'EUR', amount: '5', date: '2024-01-02', idempotencyKey: 'x' },
      { type: 'fx-exchange', fromCurrency: 'EUR', fromAmount: '1.00', toCurrency: 'USD', toAmount: '1.10', date: '2024-01-03', idempotencyKey: 'x' },
      { type: 'fx-exchange', fromCurrency: 'EUR', fromAmount: '100.00', toCurrency: 'USD', toAmount: '110.00', date: '2024-01-03', idempotencyKey: 'x' },
      { type: 'buy', symbol: 'AAPL', quantity: '1', price: '2', date: '2024-01-04', idempotencyKey: 'x' },
      { type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '1.00', toCurrency: 'JPY', toAmount: '150', date: '2024-01-05', idempotencyKey: 'x' },
    ];
    const items = reqs.map((req, i) => ({ req, options: { at, id: `batch-${i}` } }));
    const one = join(work, 'batch-one.db');
    copyDatabase(template, one);
    const a = run(one, items, false);
    expect(a.outcomes.map((o) => ('id' in o ? 'ok' : o.code))).toEqual(['ok', 'ok', 'ok', 'INSUFFICIENT_FUNDS', 'ok', 'ok']);
    for (const size of [1, 2, 3, 4, 5, 6, 7]) {
      const many = join(work, `batch-many-${size}.db`);
      copyDatabase(template, many);
      const b = run(many, items, true, size);
      expect(b.outcomes).toEqual(a.outcomes);
      expect(b.rows).toEqual(a.rows);
    }
  });

  it('a wallet or position stored with more digits than the held figures take goes through decimal.js, as recordIn does', () => {
    const at = '2024-05-01T09:00:00.000Z';
    const reqs: ActivityRecordRequest[] = [
      { type: 'deposit', currency: 'USD', amount: '0.01', date: '2024-01-02', idempotencyKey: 'x' },
      { type: 'deposit', currency: 'USD', amount: '0.01', date: '2024-01-02', idempotencyKey: 'x' },
      { type: 'withdrawal', currency: 'USD', amount: '0.01', date: '2024-01-02', idempotencyKey: 'x' },
      { type: 'buy', symbol: 'AAPL', quantity: '1', price: '3', date: '2024-01-03', idempotencyKey: 'x' },
      { type: 'sell', symbol: 'AAPL', quantity: '2', price: '3', date: '2024-01-04', idempotencyKey: 'x' },
      { type: 'sell', symbol: 'AAPL', quantity: '0.000001', price: '3', date: '2024-01-04', idempotencyKey: 'x' },
      { type: 'withdrawal', currency: 'USD', amount: '13.03', date: '2024-01-05', idempotencyKey: 'x' },
      { type: 'withdrawal', currency: 'USD', amount: '13.02', date: '2024-01-05', idempotencyKey: 'x' },
    ];
    const items = reqs.map((req, i) => ({ req, options: { at, id: `odd-${i}` } }));
    const files = [join(work, 'odd-one.db'), join(work, 'odd-many.db')];
    for (const f of files) {
      copyDatabase(template, f);
      const db = new Database(f);
      // Half a cent stored (rounded half-even at each move: 10.005 + 0.01 is 10.02, not 10.015 held), and a
      // position with more fraction digits than the scaled form holds.
      db.prepare("UPDATE wallets SET balance = '10.005' WHERE currency = 'USD'").run();
      db.prepare("INSERT INTO positions (symbol, quantity, reserved, updated_at) VALUES ('AAPL', '1.0000000000000000000001', '0', ?)").run(at);
      db.close();
    }
    const a = run(files[0]!, items, false);
    const b = run(files[1]!, items, true);
    expect(a.outcomes.map((o) => ('id' in o ? 'ok' : o.code))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'INSUFFICIENT_HOLDING', 'INSUFFICIENT_FUNDS', 'ok']);
    expect(b.outcomes).toEqual(a.outcomes);
    expect(b.rows).toEqual(a.rows);
  });

  it('per-day sums held back for a file equal the per-row upserts, amounts up to 15 integer digits (fast-check)', () => {
    const amount = fc.oneof(
      fc.constantFrom('999999999999999.99999999', '999999999999999', '0.00000001', '0', '12.5'),
      fc.tuple(fc.oneof(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.bigInt({ min: 100_000_000_000_001n, max: 999_999_999_999_999n })), fc.option(fc.stringMatching(/^\d{1,8}$/), { nil: undefined })).map(([w, f]) => (f ? `${w}.${f}` : String(w))),
    );
    const leg: fc.Arbitrary<DayLegs> = fc.record({
      // Few keys, so a key's sum of whole parts goes well past 2^53.
      date: fc.constant('2024-01-01'),
      type: fc.constantFrom('deposit', 'fx-exchange'),
      symbol: fc.constantFrom(null, 'AAPL'),
      currency: fc.constant('USD'),
      amount,
      fee: fc.option(amount, { nil: null }),
      toCurrency: fc.constantFrom(null, 'EUR'),
      toAmount: fc.option(amount, { nil: null }),
    });
    let n = 0;
    fc.assert(
      fc.property(fc.array(leg, { minLength: 1, maxLength: 300, size: 'max' }), (legs) => {
        n += 1;
        const sums = (deferred: boolean) => {
          const file = join(work, `days-${deferred ? 'held' : 'rows'}-${n}.db`);
          copyDatabase(template, file);
          const db = new Database(file);
          db.exec('BEGIN');
          if (deferred) deferDayLegs(db);
          for (const l of legs) recordDayLegs(db, l);
          if (deferred) flushDayLegs(db);
          const rows = db.prepare('SELECT date, currency, type, symbol, leg, entries, CAST(whole AS TEXT) AS whole, frac_e8 FROM history_days ORDER BY 1, 2, 3, 4, 5').all();
          db.exec('ROLLBACK');
          db.close();
          rmSync(file);
          return rows;
        };
        expect(sums(true)).toEqual(sums(false));
      }),
      { numRuns: 40 },
    );
  });
});
