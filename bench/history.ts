import { Database, openProfileFile } from '../test/support/db-key.js';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { compose, type App } from '../main/compose.js';
import { EXPORT_HEADER } from '../main/history/columns.js';
import { ROW_SQL } from '../main/history/row-sql.js';
import { INDEXED_THROUGH } from '../main/ledger/repo.js';
import type { ExportProgress } from '../shared/contract/index.js';
import { seedHistory, seedRates } from '../test/support/history-seed.js';
import { testComposeOptions } from '../test/support/options.js';
import { loadAvg } from './machine.js';

/**
 * History benchmarks (docs/benchmarks.md), on a real profile database seeded with `rows` entries (default 1,000,000)
 * and daily EUR and CHF rates in market.db, all through dispatch as the app runs them:
 *
 * - export: the whole history to CSV (keyset pages from a read snapshot, FX per entry date, formula-safe encoding,
 *   temp file + fsync + rename): seconds, CPU seconds of the process (all its threads), peak heap and RSS growth
 *   (anonymous memory apart from the mapped database file), the worst wait of main's event loop meanwhile, and the
 *   ratio to Debian's `sqlite3 -csv` (its defaults) running the export's own SELECT
 *   (the same columns, balance subquery, index and order; one query instead of keyset pages; it converts no
 *   currency, neutralises nothing and writes no temp file) on the same file. Export and sqlite3 alternate
 *   `exportRuns` times (default 3; the first of each pair alternates too), so load from other work on this shared
 *   machine falls on both; each pair's ratio and the median are reported.
 * - page: `history:page` of 100 rows at random offsets of a filtered list of every entry (a date range), sorted by
 *   date and by amount: the first deep call (which finds the anchors) and p50/p95 of 200 calls after it.
 * - import: 100,000 rows of a Bourse CSV (deposits, buys, sells, dividends) into a fresh profile with import:run.
 *
 *   node --import tsx bench/history.ts [rows] [--export-runs=N] [--only=export|import]
 */
const USER = { username: 'bench', password: 'correct horse battery' };

export async function benchHistory(opts: { rows?: number; importRows?: number; exportRuns?: number; only?: 'export' | 'import' } = {}) {
  const rows = opts.rows ?? 1_000_000;
  const importRows = opts.importRows ?? 100_000;
  const exportRuns = opts.exportRuns ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-history-'));
  try {
    // The import needs none of the seeded history: measuring it alone skips the 1M-row seed and the exports.
    if (opts.only === 'import') return { import: { ...(await importBench(dir, importRows)), targetSeconds: 5 } };
    const target = join(dir, 'history.csv');
    let app = await compose(testComposeOptions(dir));
    const s = await ok<{ profile: { id: string } }>(app, 'profile:create', USER);
    await app.close();
    const dbFile = join(dir, 'profiles', s.profile.id, 'bourse.db');
    const t0 = performance.now();
    seedHistory(dbFile, rows, { seed: 11, keepRows: false });
    seedRates(join(dir, 'market.db'));
    const seedSeconds = round((performance.now() - t0) / 1000);

    // The yardstick reads an UNENCRYPTED copy of the same database (the sqlite3 tool cannot read the encrypted one).
    const plainFile = join(dir, 'plain.db');
    const enc = openProfileFile(dbFile, {}, USER.password);
    enc.prepare('VACUUM INTO ?').run(plainFile);
    enc.close();
    const plain = openProfileFile(plainFile, {}, USER.password);
    plain.pragma(`rekey = ''`);
    plain.close();
    app = await compose(testComposeOptions(dir, { dialogs: { save: async () => target, open: async () => null } }));
    await ok(app, 'profile:login', USER);
    const pairs: { export: Awaited<ReturnType<typeof exportCsv>>; sqlite3Csv: ReturnType<typeof sqliteCsv>; ratio: number | null; cpuRatio: number | null; loadAvg: number[] }[] = [];
    for (let i = 0; i < exportRuns; i++) {
      // Odd runs start with sqlite3, even runs with the export: neither always gets the warmer cache or the quieter turn.
      const sqliteFirst = i % 2 === 1;
      const sqlite1 = sqliteFirst ? sqliteCsv(plainFile, join(dir, 'sqlite.csv')) : null;
      const exported = await exportCsv(app, target);
      const sqlite = sqliteFirst ? sqlite1 : sqliteCsv(plainFile, join(dir, 'sqlite.csv'));
      rmSync(target, { force: true });
      rmSync(join(dir, 'sqlite.csv'), { force: true });
      pairs.push({
        export: exported,
        sqlite3Csv: sqlite,
        ratio: sqlite ? round(exported.seconds / sqlite.seconds) : null,
        cpuRatio: sqlite?.cpuSeconds ? round(exported.cpuSeconds / sqlite.cpuSeconds) : null,
        loadAvg: loadAvg(),
      });
    }
    const median = (xs: (number | null)[]) => {
      const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
      return v.length ? v[Math.floor(v.length / 2)]! : null;
    };
    const exportFigures = {
      runs: pairs,
      medianSeconds: median(pairs.map((p) => p.export.seconds)),
      medianSqlite3Seconds: median(pairs.map((p) => p.sqlite3Csv?.seconds ?? null)),
      medianVsSqlite3Csv: median(pairs.map((p) => p.ratio)),
      maxVsSqlite3Csv: pairs.some((p) => p.ratio !== null) ? Math.max(...pairs.map((p) => p.ratio ?? 0)) : null,
      medianCpuVsSqlite3Csv: median(pairs.map((p) => p.cpuRatio)),
      maxPeakHeapGrowthMb: Math.max(...pairs.map((p) => p.export.peakHeapGrowthMb)),
      maxPeakAnonRssGrowthMb: Math.max(...pairs.map((p) => p.export.peakAnonRssGrowthMb ?? 0)),
      maxMainLoopDelayMs: Math.max(...pairs.map((p) => p.export.mainLoopDelayMaxMs)),
      maxStreamingLoopDelayMs: Math.max(...pairs.map((p) => p.export.streamingLoopDelayMaxMs)),
      targetRatio: 1.5,
    };
    if (opts.only === 'export') {
      await app.close();
      return { rows, seedSeconds, export: exportFigures };
    }
    const page = await pageLatency(app);
    await app.close();
    const imported = await importBench(dir, importRows);
    return {
      rows,
      seedSeconds,
      export: exportFigures,
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

/** Resident anonymous memory (heap, native buffers) apart from mapped files (the read connection maps the database). */
function anonRss(): number | null {
  try {
    const m = /RssAnon:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function exportCsv(app: App, target: string) {
  global.gc?.();
  const before = process.memoryUsage();
  const anonBefore = anonRss();
  let peak = before.rss;
  let heapPeak = before.heapUsed;
  let anonPeak = anonBefore ?? 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
    anonPeak = Math.max(anonPeak, anonRss() ?? 0);
  }, 25);
  let resolve!: (p: ExportProgress) => void;
  const done = new Promise<ExportProgress>((r) => (resolve = r));
  // How long main's event loop waited at worst: what a request or a repaint would have waited. Overall (start()'s
  // count and rate loading included) and while the rows stream (from the first rows written to the end).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const streaming = monitorEventLoopDelay({ resolution: 5 });
  const off = app.events.subscribe((e) => {
    if (e.event !== 'export:progress') return;
    if (e.payload.state === 'running' && e.payload.rows > 0) streaming.enable();
    if (e.payload.state !== 'running') resolve(e.payload);
  });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const starting = ok<ExportProgress>(app, 'export:start', { filter: {}, sort: { column: 'date', direction: 'desc' }, format: 'csv' });
  // What a write waits while the export starts (its count, split keys and the threads' snapshots hold the profile's
  // writer): deposits one after another until export:start has answered, the slowest one's time.
  let answered = false;
  let slowestDepositMs = 0;
  const deposits = (async () => {
    for (let i = 0; !answered; i++) {
      // A request at a time, as a window sends them: a macrotask apart (a loop of awaits alone would starve the
      // event loop, and with it the export's own thread messages).
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (answered) break;
      const d0 = performance.now();
      await ok(app, 'wallet:deposit', { currency: 'USD', amount: '1.00', idempotencyKey: `bench-export-${Date.now()}-${i}` });
      slowestDepositMs = Math.max(slowestDepositMs, performance.now() - d0);
    }
  })();
  const started = await starting;
  // Until export:start answers: the threads' start, the count, the split keys, the snapshots and the rates.
  const startMs = performance.now() - t0;
  answered = true;
  await deposits;
  const final = await done;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  streaming.disable();
  clearInterval(timer);
  off();
  if (final.state !== 'done') throw new Error(`export ended ${final.state}: ${final.error}`);
  return {
    id: started.id,
    seconds: round(seconds),
    startMs: round(startMs, 1),
    slowestDepositDuringStartMs: round(slowestDepositMs, 1),
    // The whole process (main thread, the export's threads, libuv's file writes, the sampling timer): an upper bound of the export's CPU.
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
    rowsPerSec: Math.round(final.rows / seconds),
    fileMb: round(statSync(target).size / 1e6, 1),
    peakRssGrowthMb: round((peak - before.rss) / 1e6, 1),
    peakAnonRssGrowthMb: anonBefore === null ? null : round((anonPeak - anonBefore) / 1e6, 1),
    peakHeapGrowthMb: round((heapPeak - before.heapUsed) / 1e6, 1),
    mainLoopDelayMaxMs: round(loop.max / 1e6, 1),
    streamingLoopDelayMaxMs: round(streaming.max / 1e6, 1),
  };
}

/**
 * The export's own SELECT (its columns, the balance subquery, the index and order of a date-descending export of
 * everything) as one statement to Debian's `sqlite3 -csv` with its default settings: what SQLite alone takes to
 * produce the same rows as CSV. Wall and CPU seconds (user + system, from /usr/bin/time when present).
 */
function sqliteCsv(dbFile: string, out: string) {
  const sql = `SELECT a.rowid, a.date, ${ROW_SQL} FROM activities AS a INDEXED BY idx_activities_date ORDER BY a.date DESC, a.rowid DESC`;
  const timed = existsSync('/usr/bin/time');
  const fd = openSync(out, 'w');
  try {
    const t0 = performance.now();
    const r = timed
      ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'sqlite3', '-csv', '-header', dbFile, sql], { stdio: ['ignore', fd, 'pipe'] })
      : spawnSync('sqlite3', ['-csv', '-header', dbFile, sql], { stdio: ['ignore', fd, 'pipe'] });
    const seconds = (performance.now() - t0) / 1000;
    if (r.error || r.status !== 0) return null;
    const times = timed ? /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr.toString()) : null;
    return { seconds: round(seconds), cpuSeconds: times ? round(Number(times[1]) + Number(times[2])) : null, fileMb: round(statSync(out).size / 1e6, 1) };
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
    const { profile } = await ok<{ profile: { id: string } }>(app, 'profile:create', { username: 'importer', password: USER.password });
    const profileId = profile.id;
    await ok(app, 'instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    const picked = await ok<{ file: { fileId: string } }>(app, 'files:pick', { purpose: 'import' });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await ok<{ imported: number }>(app, 'import:run', { fileId: picked.file.fileId, idempotencyKey: 'bench-import-0001' });
    const seconds = (performance.now() - t0) / 1000;
    // CPU time of this process (all its threads) meanwhile: less sensitive than wall time to the load of a shared machine.
    const cpu = process.cpuUsage(cpu0);
    if (r.imported !== count) throw new Error(`imported ${r.imported} of ${count}`);
    // The imported rows go in "pending" (main/history/indexer.ts): the history reads them at once, and the indexer
    // moves them into the sort indexes after the commit, a batch per writer turn. That work is reported here too.
    const db = new Database(join(dir, 'profiles', profileId, 'bourse.db'), { readonly: true });
    // Only the rows after the indexer's watermark can be pending: a range, not a scan of the log, on every poll.
    const pending = db.prepare(`SELECT count(*) AS n FROM activities WHERE rowid > ${INDEXED_THROUGH} AND h_ready = 0`);
    const pendingAt = () => (pending.get() as { n: number }).n;
    const pendingAfterImport = pendingAt();
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    while (pendingAt() > 0) await new Promise((res) => setTimeout(res, 20));
    const indexCpu = process.cpuUsage(cpu1);
    db.close();
    return {
      rows: count,
      fileMb: round(statSync(file).size / 1e6, 1),
      seconds: round(seconds),
      cpuSeconds: round((cpu.user + cpu.system) / 1e6),
      rowsPerSec: Math.round(count / seconds),
      pendingAfterImport,
      // From the import's answer until the last row is indexed (the first batch waits for the 1 s timer).
      indexedAfterSeconds: round((performance.now() - t1) / 1000),
      indexingCpuSeconds: round((indexCpu.user + indexCpu.system) / 1e6),
    };
  } finally {
    await app.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const rowsArg = args.find((a) => !a.startsWith('--'));
  const runs = flag('export-runs');
  const only = flag('only') === 'export' || flag('only') === 'import' ? (flag('only') as 'export' | 'import') : undefined;
  const load = loadAvg();
  const figures = await benchHistory({ rows: rowsArg ? Number(rowsArg) : undefined, exportRuns: runs ? Number(runs) : undefined, only });
  console.log(JSON.stringify({ ...figures, loadAvgBefore: load, loadAvgAfter: loadAvg() }, null, 2));
  process.exit(0);
}
