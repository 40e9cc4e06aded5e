import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compose, type App } from '../main/compose.js';
import { EXPORT_HEADER } from '../main/history/columns.js';
import type { ExportProgress } from '../shared/contract/index.js';
import { seedHistory } from '../test/support/history-seed.js';
import { testComposeOptions } from '../test/support/options.js';

/**
 * History benchmarks (issue 5), on a real profile database seeded with `rows` entries (default 1,000,000) and daily
 * EUR and CHF rates in market.db, all through dispatch as the app runs them:
 *
 * - export: the whole history to CSV (keyset pages from a read snapshot, FX per entry date, formula-safe encoding,
 *   temp file + fsync + rename): seconds, peak RSS growth, and the ratio to Debian's `sqlite3 -csv` dumping the same
 *   rows (same columns from the database, same order, balance after included; it converts no currency) in this run.
 * - page: `history:page` of 100 rows at random offsets of a filtered list of every entry (a date range), sorted by
 *   date and by amount: the first deep call (which finds the anchors) and p50/p95 of 200 calls after it.
 * - import: 100,000 rows of a Bourse CSV (deposits, buys, sells, dividends) into a fresh profile with import:run.
 *
 *   node --import tsx bench/history.ts [rows]
 */
const USER = { username: 'bench', password: 'correct horse battery' };

export async function benchHistory(opts: { rows?: number; importRows?: number } = {}) {
  const rows = opts.rows ?? 1_000_000;
  const importRows = opts.importRows ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-history-'));
  try {
    const target = join(dir, 'history.csv');
    let app = await compose(testComposeOptions(dir));
    const s = await ok<{ profile: { id: string } }>(app, 'profile:create', USER);
    await app.close();
    const dbFile = join(dir, 'profiles', s.profile.id, 'bourse.db');
    const t0 = performance.now();
    seedHistory(dbFile, rows, { seed: 11, keepRows: false });
    seedRates(join(dir, 'market.db'));
    const seedSeconds = round((performance.now() - t0) / 1000);

    app = await compose(testComposeOptions(dir, { dialogs: { save: async () => target, open: async () => null } }));
    await ok(app, 'profile:login', USER);
    const exported = await exportCsv(app, target);
    const page = await pageLatency(app);
    await app.close();
    const sqlite = sqliteCsv(dbFile, join(dir, 'sqlite.csv'));
    rmSync(target, { force: true });
    const imported = await importBench(dir, importRows);
    return {
      rows,
      seedSeconds,
      export: { ...exported, sqlite3Csv: sqlite, vsSqlite3Csv: sqlite ? round(exported.seconds / sqlite.seconds) : null, targetRatio: 1.5 },
      page,
      import: { ...imported, targetSeconds: 5 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ok<T>(app: App, channel: string, payload: unknown): Promise<T> {
  const r = await app.dispatch(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

const round = (x: number, d = 2) => Number(x.toFixed(d));

/** EUR→USD and CHF→USD for every day of the seeded range, so the export converts most entries. */
function seedRates(file: string): void {
  const db = new Database(file);
  const put = db.prepare("INSERT OR REPLACE INTO fx_rates (base, quote, date, source, rate) VALUES (?, 'USD', ?, 'ecb', ?)");
  db.transaction(() => {
    for (let d = 0; d < 1200; d++) {
      const day = new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      put.run('EUR', day, (1.05 + (d % 97) / 1000).toFixed(4));
      put.run('CHF', day, (1.08 + (d % 89) / 1000).toFixed(4));
    }
  })();
  db.close();
}

async function exportCsv(app: App, target: string) {
  global.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  let heapPeak = before.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 25);
  let resolve!: (p: ExportProgress) => void;
  const done = new Promise<ExportProgress>((r) => (resolve = r));
  const off = app.events.subscribe((e) => {
    if (e.event === 'export:progress' && e.payload.state !== 'running') resolve(e.payload);
  });
  const t0 = performance.now();
  const started = await ok<ExportProgress>(app, 'export:start', { filter: {}, sort: { column: 'date', direction: 'desc' }, format: 'csv' });
  const final = await done;
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  off();
  if (final.state !== 'done') throw new Error(`export ended ${final.state}: ${final.error}`);
  return { id: started.id, seconds: round(seconds), rowsPerSec: Math.round(final.rows / seconds), fileMb: round(statSync(target).size / 1e6, 1), peakRssGrowthMb: round((peak - before.rss) / 1e6, 1), peakHeapGrowthMb: round((heapPeak - before.heapUsed) / 1e6, 1) };
}

/** The same rows and order straight from SQLite (no FX conversion, no neutralisation, no temp file or fsync). */
function sqliteCsv(dbFile: string, out: string) {
  const sql =
    'SELECT a.date, a.type, a.symbol, a.quantity, a.price, a.currency, a.amount, a.fee, a.order_id, a.note, a.to_currency, a.to_amount, a.source, a.id, a.created_at, a.rowid, ' +
    '(SELECT e.balance_after FROM ledger_entries e INDEXED BY idx_ledger_activity JOIN wallets w ON w.id = e.wallet_id WHERE e.activity_id = a.id AND w.currency = a.currency ORDER BY e.id DESC LIMIT 1) ' +
    'FROM activities a ORDER BY a.date DESC, a.rowid DESC';
  const fd = openSync(out, 'w');
  try {
    const t0 = performance.now();
    const r = spawnSync('sqlite3', ['-csv', '-header', dbFile, sql], { stdio: ['ignore', fd, 'pipe'] });
    const seconds = (performance.now() - t0) / 1000;
    if (r.error || r.status !== 0) return null;
    return { seconds: round(seconds), fileMb: round(statSync(out).size / 1e6, 1) };
  } finally {
    closeSync(fd);
  }
}

async function pageLatency(app: App) {
  const filter = { from: '2000-01-01', to: '2099-12-31' };
  const out: Record<string, unknown> = {};
  const summary = await ok<{ entries: number }>(app, 'history:summary', { filter });
  out.filteredEntries = summary.entries;
  for (const column of ['date', 'amount'] as const) {
    const sort = { column, direction: 'desc' as const };
    const deep = Math.max(0, summary.entries - 100);
    const c0 = performance.now();
    await ok(app, 'history:page', { filter, sort, offset: deep, limit: 100 });
    const cold = performance.now() - c0;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const offset = Math.floor(Math.random() * Math.max(1, summary.entries - 100));
      const t = performance.now();
      const r = await ok<{ rows: unknown[] }>(app, 'history:page', { filter, sort, offset, limit: 100 });
      times.push(performance.now() - t);
      if (r.rows.length !== 100) throw new Error(`page at ${offset}: ${r.rows.length} rows`);
    }
    times.sort((a, b) => a - b);
    out[column] = { firstDeepPageMs: round(cold, 1), p50Ms: round(times[100]!, 2), p95Ms: round(times[190]!, 2), maxMs: round(times.at(-1)!, 1) };
  }
  return { ...out, targetP95Ms: 20 };
}

/** 100,000 valid rows: cash first, then buys and sells that the cash and holdings cover, dividends. */
export function importFile(path: string, count: number): void {
  const lines = [EXPORT_HEADER.join(',')];
  let cash = 0;
  let units = 0;
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2022, 0, 1) + Math.floor((i / count) * 900) * 86_400_000).toISOString().slice(0, 10);
    const createdAt = new Date(Date.UTC(2024, 0, 1) + i).toISOString();
    const kind = i % 10;
    let row: string;
    if (kind < 4 || cash < 200) {
      cash += 500;
      row = `${day},deposit,,,,USD,500.00,,,,,,,deposit ${i},,,manual,bench-${i},${createdAt},${i + 1}`;
    } else if (kind < 7) {
      cash -= 151.25;
      units += 1;
      row = `${day},buy,AAPL,1,150.25,USD,-151.25,1.00,,,,,,,,,manual,bench-${i},${createdAt},${i + 1}`;
    } else if (kind < 9 && units > 0) {
      cash += 149.25;
      units -= 1;
      row = `${day},sell,AAPL,1,150.25,USD,149.25,1.00,,,,,,,,,manual,bench-${i},${createdAt},${i + 1}`;
    } else {
      cash += 0.5;
      row = `${day},dividend,AAPL,,,USD,0.50,,,,,,,Q dividend,,,manual,bench-${i},${createdAt},${i + 1}`;
    }
    lines.push(row);
  }
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

export async function importBench(dir: string, count: number) {
  const file = join(dir, 'import.csv');
  importFile(file, count);
  const app = await compose(testComposeOptions(dir, { dialogs: { save: async () => null, open: async () => file } }));
  try {
    await ok(app, 'profile:create', { username: 'importer', password: USER.password });
    await ok(app, 'instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    const picked = await ok<{ file: { fileId: string } }>(app, 'files:pick', { purpose: 'import' });
    const t0 = performance.now();
    const r = await ok<{ imported: number }>(app, 'import:run', { fileId: picked.file.fileId, idempotencyKey: 'bench-import-0001' });
    const seconds = (performance.now() - t0) / 1000;
    if (r.imported !== count) throw new Error(`imported ${r.imported} of ${count}`);
    return { rows: count, fileMb: round(statSync(file).size / 1e6, 1), seconds: round(seconds), rowsPerSec: Math.round(count / seconds) };
  } finally {
    await app.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await benchHistory({ rows }), null, 2));
  process.exit(0);
}
