import { Sqlite as Database } from '../main/store/sqlite.js';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeCsv } from '../main/export/csv-writer.js';
import { writeJson } from '../main/export/json-writer.js';
import { historyColumns, historyRow, type HistoryRow } from '../test/support/history-rows.js';

/**
 * Export writer benchmark: 1,000,000 history-shaped rows from a SQLite table to CSV through the export
 * writer (keyset-paged reads, as the history query will do), against Debian's `sqlite3 -csv` dumping the same rows
 * from the same file in the same run; plus JSON lines. Peak RSS growth is sampled during each export.
 *
 *   node --import tsx bench/export-writer.ts [rows]     prints one JSON document
 *
 * To wire it into `npm run bench`, add to bench/run.ts:
 *   await measure('export', async () => (await import('./export-writer.js')).benchExportWriter({ rows: num(option('export-rows')) }));
 * and 'export' to ALL.
 */
const PAGE = 1000;

export async function benchExportWriter(opts: { rows?: number } = {}) {
  const rows = opts.rows ?? 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-export-'));
  try {
    const dbFile = join(dir, 'history.db');
    fill(dbFile, rows);
    const db = new Database(dbFile, { readonly: true });
    const cols = historyColumns.map((c) => c.name);
    const page = db.prepare(`SELECT ${cols.join(', ')}, id FROM history WHERE id > ? ORDER BY id LIMIT ${PAGE}`);
    const pages = function* () {
      let last = 0;
      for (;;) {
        const batch = page.all(last) as (HistoryRow & { id: number })[];
        if (batch.length === 0) return;
        last = batch[batch.length - 1]!.id;
        yield batch;
      }
    };

    // The query side alone (what the writer cannot make faster): reading the same pages and dropping them.
    const t0 = performance.now();
    for (const _ of pages()) void _;
    const readOnlySeconds = Number(((performance.now() - t0) / 1000).toFixed(2));

    const csv = await measure(() => writeCsv(join(dir, 'out.csv'), historyColumns, { pages: pages() }));
    const jsonl = await measure(() => writeJson(join(dir, 'out.jsonl'), historyColumns, { pages: pages() }, { format: 'lines' }));
    db.close();

    const sqlite = sqliteCsv(dbFile, join(dir, 'sqlite.csv'), cols);
    return {
      rows,
      readOnlySeconds,
      csv: { ...csv, vsSqlite3Csv: sqlite ? Number((csv.seconds / sqlite.seconds).toFixed(2)) : null },
      jsonLines: jsonl,
      sqlite3Csv: sqlite,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(run: () => Promise<{ bytes: number; rows: number }>) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const res = await run();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    seconds: Number(seconds.toFixed(2)),
    rowsPerSec: Math.round(res.rows / seconds),
    fileMb: Number((res.bytes / 1e6).toFixed(1)),
    peakRssGrowthMb: Number(((peak - before) / 1e6).toFixed(1)),
  };
}

function fill(file: string, rows: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const cols = historyColumns.map((c) => c.name);
  db.exec(`CREATE TABLE history (id INTEGER PRIMARY KEY, ${cols.map((c) => `${c} TEXT`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO history (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const tx = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = historyRow(i);
      insert.run(...cols.map((c) => r[c as keyof HistoryRow]));
    }
  });
  for (let i = 0; i < rows; i += 50_000) tx(i, Math.min(rows, i + 50_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The same rows through the sqlite3 shell's CSV mode (no formula neutralisation, no temp file, no fsync). */
function sqliteCsv(dbFile: string, out: string, cols: string[]) {
  const fd = openSync(out, 'w');
  try {
    const t0 = performance.now();
    const r = spawnSync('sqlite3', ['-csv', '-header', dbFile, `SELECT ${cols.join(', ')} FROM history ORDER BY id`], { stdio: ['ignore', fd, 'pipe'] });
    const seconds = (performance.now() - t0) / 1000;
    if (r.error || r.status !== 0) return null;
    return { seconds: Number(seconds.toFixed(2)), fileMb: Number((statSync(out).size / 1e6).toFixed(1)) };
  } finally {
    closeSync(fd);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await benchExportWriter({ rows }), null, 2));
}
