import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import { ROW_SQL } from '../../main/history/export.js';
import { readerPages } from '../../main/history/export-pages.js';
import type { ExportProgress } from '../../shared/contract/index.js';
import { key, ok } from '../support/app.js';
import { seedHistory } from '../support/history-seed.js';
import { testComposeOptions } from '../support/options.js';

/**
 * The export's reading thread (main/history/export-reader.ts, a real worker_threads Worker on the real profile
 * file): the export holds one snapshot however much main writes meanwhile, a cancel ends the thread's read
 * transaction, and a reader that cannot read fails the export instead of hanging it.
 */
const USER = { username: 'reader', password: 'correct horse battery' };
const ROWS = 60_000;

let dir: string;
let dbFile: string;
let app: App;
let target: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-export-reader-'));
  target = join(dir, 'out.csv');
  let a = await compose(testComposeOptions(dir));
  const s = await ok<{ profile: { id: string } }>(a.dispatch('profile:create', USER));
  await a.close();
  dbFile = join(dir, 'profiles', s.profile.id, 'bourse.db');
  seedHistory(dbFile, ROWS, { seed: 5, keepRows: false });
  a = await compose(testComposeOptions(dir, { dialogs: { save: async () => target, open: async () => null } }));
  await ok(a.dispatch('profile:login', USER));
  app = a;
}, 120_000);

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts an export and calls `onRunning` once, at its first progress event with rows written; resolves at its end. */
async function exportWhile(sort: { column: 'date'; direction: 'asc' | 'desc' }, onRunning: (p: ExportProgress) => Promise<void> | void) {
  let during: Promise<void> | undefined;
  let resolve!: (p: ExportProgress) => void;
  const finished = new Promise<ExportProgress>((r) => (resolve = r));
  const off = app.events.subscribe((e) => {
    if (e.event !== 'export:progress') return;
    if (e.payload.state === 'running' && e.payload.rows > 0 && !during) during = Promise.resolve(onRunning(e.payload));
    if (e.payload.state !== 'running') resolve(e.payload);
  });
  try {
    rmSync(target, { force: true });
    await ok(app.dispatch('export:start', { filter: {}, sort, format: 'csv' }));
    const final = await finished;
    await during;
    return final;
  } finally {
    off();
  }
}

describe('export reader thread', () => {
  it('reads one snapshot: deposits made during the export are not in the file, which holds exactly the counted rows', async () => {
    // Ascending dates: today's deposits sort after every seeded row, so a reader without one read transaction would
    // reach them on its later pages.
    let depositedDuring = 0;
    let exportDone = false;
    const final = await exportWhile({ column: 'date', direction: 'asc' }, async () => {
      for (let i = 0; i < 40; i++) {
        await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '1.00', idempotencyKey: key('during') }));
        if (!exportDone) depositedDuring += 1;
      }
    }).finally(() => (exportDone = true));
    expect(final.state).toBe('done');
    expect(depositedDuring).toBeGreaterThan(0);
    const lines = readFileSync(target, 'utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(ROWS);
    expect(final).toMatchObject({ rows: ROWS, total: ROWS });
    const db = new Database(dbFile, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM activities').get() as { n: number }).n).toBe(ROWS + 40);
    db.close();
  });

  it('a cancel ends the thread and its read transaction: a full checkpoint is no longer blocked', async () => {
    const final = await exportWhile({ column: 'date', direction: 'desc' }, async (p) => {
      expect(await ok(app.dispatch('export:cancel', { id: p.id }))).toEqual({ cancelled: true });
    });
    expect(final.state).toBe('cancelled');
    // A write after the cancel, then a checkpoint that must reset the WAL: it reports busy while any connection
    // still reads an older snapshot (the reader thread, had it been left running or waiting).
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '2.00', idempotencyKey: key('after') }));
    const db = new Database(dbFile);
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    db.close();
    expect(row!.busy).toBe(0);
  });

  it('a reader that cannot open the file rejects the pages instead of hanging', async () => {
    const pages = readerPages({ file: join(dir, 'missing.db'), filter: {}, sort: { column: 'date', direction: 'desc' }, total: 10, pageSize: 100, columns: ROW_SQL });
    await expect(pages.next()).rejects.toThrow(/export reader: .*unable to open database file/);
  });

  it('pages come through in order, every row once, with a page size that does not divide the rows', async () => {
    let rows = 0;
    let last: [string, number] | null = null;
    for await (const page of readerPages({ file: dbFile, filter: {}, sort: { column: 'date', direction: 'desc' }, total: ROWS, pageSize: 777, columns: ROW_SQL })) {
      for (const r of page) {
        // [rid, id, date, …]: the sort keys stay in the reader.
        const k: [string, number] = [r[2] as string, r[0] as number];
        if (last) expect(k[0] < last[0] || (k[0] === last[0] && k[1] < last[1])).toBe(true);
        last = k;
        rows += 1;
      }
    }
    const db = new Database(dbFile, { readonly: true });
    expect(rows).toBe((db.prepare('SELECT count(*) AS n FROM activities').get() as { n: number }).n);
    db.close();
  });
});
