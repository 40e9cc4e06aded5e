import { Database } from '../support/db-key.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import type { ExportProgress } from '../../shared/contract/index.js';
import { key, ok } from '../support/app.js';
import { seedHistory } from '../support/history-seed.js';
import { testComposeOptions } from '../support/options.js';

/**
 * The export's read snapshot (main/history/export.ts, on a real profile file): the export holds one snapshot however
 * much main writes meanwhile, and a cancel ends its read transaction.
 */
const USER = { username: 'snapshot', password: 'correct horse battery' };
const ROWS = 60_000;

let dir: string;
let dbFile: string;
let app: App;
let target: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-export-snapshot-'));
  target = join(dir, 'out.csv');
  const a = await compose(testComposeOptions(dir));
  const s = await ok<{ profile: { id: string } }>(a.dispatch('profile:create', USER));
  await a.close();
  dbFile = join(dir, 'profiles', s.profile.id, 'bourse.db');
  seedHistory(dbFile, ROWS, { seed: 5, keepRows: false });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

function activities(): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM activities').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

// One part: read on main. Two: split into threads (export-parts.ts), each with its own read transaction.
describe.each([1, 2])('export snapshot, %i part(s)', (parts) => {
  beforeAll(async () => {
    app = await compose(testComposeOptions(dir, { dialogs: { save: async () => target, open: async () => null }, exportParts: { parts } }));
    await ok(app.dispatch('profile:login', USER));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reads one snapshot: deposits made during the export are not in the file, which holds exactly the counted rows', async () => {
    // Ascending dates: today's deposits sort after every seeded row, so a reader without one read transaction would
    // reach them on its later pages.
    const before = activities();
    expect(before).toBeGreaterThanOrEqual(ROWS);
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
    expect(lines.length - 2).toBe(before);
    expect(final).toMatchObject({ rows: before, total: before });
    expect(activities()).toBe(before + 40);
  });

  it('a cancel ends its read transaction: a full checkpoint is no longer blocked', async () => {
    const final = await exportWhile({ column: 'date', direction: 'desc' }, async (p) => {
      expect(await ok(app.dispatch('export:cancel', { id: p.id }))).toEqual({ cancelled: true });
    });
    expect(final.state).toBe('cancelled');
    // A write after the cancel, then a checkpoint that must reset the WAL: it reports busy while any connection
    // still reads an older snapshot (the export's reader, had it been left open).
    await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '2.00', idempotencyKey: key('after') }));
    const db = new Database(dbFile);
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    db.close();
    expect(row!.busy).toBe(0);
  });
});
