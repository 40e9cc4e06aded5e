import { openProfileFile, testKey } from '../support/db-key.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import { ExportParts } from '../../main/history/export-parts.js';
import type { ExportProgress, HistoryFilter, HistorySort } from '../../shared/contract/index.js';
import { ok } from '../support/app.js';
import { exportTo } from '../support/history-io.js';
import { seedHistory, seedRates } from '../support/history-seed.js';
import { testComposeOptions } from '../support/options.js';

/**
 * A large export split into threads (main/history/export-parts.ts, export-part.ts) on a real profile file: the
 * joined file is byte for byte the file the single-threaded export writes, for every sort, filter and format; a
 * part that fails or a cancel leaves no file and no part behind and ends every read transaction.
 */
const USER = { username: 'parts', password: 'correct horse battery' };
const ROWS = 24_000;

let dir: string;
let dbFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-export-parts-'));
  const a = await compose(testComposeOptions(dir));
  const s = await ok<{ profile: { id: string } }>(a.dispatch('profile:create', USER));
  await a.close();
  dbFile = join(dir, 'profiles', s.profile.id, 'bourse.db');
  seedHistory(dbFile, ROWS, { seed: 9, keepRows: false });
  seedRates(join(dir, 'market.db'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Signs in with exports split into `parts` threads from 1,000 rows (1: read on main), runs `work`, signs out. */
async function withApp<T>(parts: number, work: (app: App) => Promise<T>): Promise<T> {
  const app = await compose(testComposeOptions(dir, { exportParts: { parts, minRows: 1000 } }));
  try {
    await ok(app.dispatch('profile:login', USER));
    return await work(app);
  } finally {
    await app.close();
  }
}

const CASES: { name: string; filter: HistoryFilter; sort: HistorySort; format: 'csv' | 'json' }[] = [
  { name: 'everything by date, newest first, CSV', filter: {}, sort: { column: 'date', direction: 'desc' }, format: 'csv' },
  { name: 'everything by amount, ascending, JSON', filter: {}, sort: { column: 'amount', direction: 'asc' }, format: 'json' },
  { name: 'a date range by date, ascending, CSV', filter: { from: '2021-09-01', to: '2023-03-31' }, sort: { column: 'date', direction: 'asc' }, format: 'csv' },
  { name: 'one currency (two merged arms) by instrument, CSV', filter: { currency: 'EUR' }, sort: { column: 'instrument', direction: 'desc' }, format: 'csv' },
  { name: 'a note search by fee, JSON', filter: { search: 'a' }, sort: { column: 'fee', direction: 'desc' }, format: 'json' },
];

async function exportAll(app: App): Promise<{ text: string; final: ExportProgress }[]> {
  const out: { text: string; final: ExportProgress }[] = [];
  for (const c of CASES) {
    const r = await exportTo(app, c.filter, c.format, c.sort);
    expect(r.final.state, c.name).toBe('done');
    out.push({ text: readFileSync(r.path!, 'utf8'), final: r.final });
  }
  return out;
}

function leftovers(): string[] {
  const exportsDir = join(dir, 'exports');
  const names: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.bourse-tmp')) names.push(e.name);
    }
  };
  try {
    walk(exportsDir);
  } catch {
    // No exports folder yet: nothing left over.
  }
  return names;
}

describe('export split into threads', () => {
  it('writes the same bytes as the single-threaded export, for every sort, filter and format, in 2 and 3 parts', async () => {
    const single = await withApp(1, exportAll);
    // The cases are big enough to be split, and differ from each other.
    for (const s of single) expect(s.final.rows).toBeGreaterThan(1000);
    expect(new Set(single.map((s) => s.text)).size).toBe(CASES.length);
    expect(single[0]!.final.rows).toBe(ROWS);
    for (const parts of [2, 3]) {
      const split = await withApp(parts, exportAll);
      for (const [i, c] of CASES.entries()) {
        expect(split[i]!.final.rows, `${c.name}, ${parts} parts`).toBe(single[i]!.final.rows);
        expect(split[i]!.final.total).toBe(single[i]!.final.total);
        expect(split[i]!.final.bytes).toBe(Buffer.byteLength(single[i]!.text));
        // Compared as text (not toBe on 3 MB strings, whose diff would be unreadable): the first differing offset.
        const a = single[i]!.text;
        const b = split[i]!.text;
        let at = 0;
        while (at < a.length && a.charCodeAt(at) === b.charCodeAt(at)) at++;
        expect({ case: c.name, parts, firstDifference: at === a.length && a.length === b.length ? null : at }).toEqual({ case: c.name, parts, firstDifference: null });
      }
      if (parts === 2) JSON.parse(split[1]!.text);
    }
    expect(leftovers()).toEqual([]);
  }, 180_000);

  it('more threads than rows: the threads not needed are dropped, and one row is read on main; same bytes', async () => {
    const db = openProfileFile(dbFile, { readonly: true });
    const pick = (n: number) => db.prepare('SELECT date, type FROM activities GROUP BY date, type HAVING count(*) = ? LIMIT 1').get(n) as { date: string; type: string };
    const filters = [1, 2, 3].map((n) => pick(n)).map((r) => ({ from: r.date, to: r.date, types: [r.type] }) as HistoryFilter);
    db.close();
    const run = (parts: number, minRows: number) =>
      (async () => {
        const app = await compose(testComposeOptions(dir, { exportParts: { parts, minRows } }));
        try {
          await ok(app.dispatch('profile:login', USER));
          const out: string[] = [];
          for (const filter of filters) {
            const r = await exportTo(app, filter, 'json');
            expect(r.final.state).toBe('done');
            out.push(readFileSync(r.path!, 'utf8'));
          }
          return out;
        } finally {
          await app.close();
        }
      })();
    const single = await run(1, 1);
    expect(single.map((t) => (JSON.parse(t) as { activities: unknown[] }).activities.length)).toEqual([1, 2, 3]);
    expect(await run(4, 1)).toEqual(single);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it('threads that cannot open the profile: start() rejects with their reason and leaves nothing running', async () => {
    const target = join(dir, 'never.csv');
    const opts = { file: join(dir, 'missing.db'), keyHex: testKey.hex, filter: {}, sort: { column: 'date', direction: 'desc' } as const, pageSize: 100, format: 'csv' as const, bom: false };
    await expect(ExportParts.start(opts, target, 2)).rejects.toThrow(/export part \d: .*(unable to open|does not exist)/i);
    expect(readdirSync(dir).filter((n) => n.startsWith('.never.csv'))).toEqual([]);
  });

  it('a part that fails (a number column holding text) fails the export: no file, no part left, no reader left', async () => {
    // The oldest activity: with dates descending it is in the last part.
    const db = openProfileFile(dbFile);
    const victim = db.prepare('SELECT rowid, quantity FROM activities WHERE quantity IS NOT NULL ORDER BY date ASC, rowid ASC LIMIT 1').get() as { rowid: number; quantity: string };
    db.prepare('UPDATE activities SET quantity = ? WHERE rowid = ?').run('=1+1', victim.rowid);
    db.close();
    try {
      const r = await withApp(2, async (app) => {
        const res = await exportTo(app, {}, 'csv');
        return res;
      });
      expect(r.final.state).toBe('failed');
      expect(r.final.error).toBe('The export could not be written.');
      expect(r.path).toBeNull();
      expect(leftovers()).toEqual([]);
      const check = openProfileFile(dbFile);
      const [row] = check.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      check.close();
      expect(row!.busy).toBe(0);
    } finally {
      const fix = openProfileFile(dbFile);
      fix.prepare('UPDATE activities SET quantity = ? WHERE rowid = ?').run(victim.quantity, victim.rowid);
      fix.close();
    }
  }, 60_000);

  it('a cancel stops every part: no file, no part left, the read transactions ended', async () => {
    await withApp(2, async (app) => {
      let resolve!: (p: ExportProgress) => void;
      const finished = new Promise<ExportProgress>((r) => (resolve = r));
      let cancelled = false;
      const off = app.events.subscribe((e) => {
        if (e.event !== 'export:progress') return;
        if (e.payload.state === 'running' && e.payload.rows > 0 && !cancelled) {
          cancelled = true;
          void app.dispatch('export:cancel', { id: e.payload.id });
        }
        if (e.payload.state !== 'running') resolve(e.payload);
      });
      try {
        await ok(app.dispatch('export:start', { filter: {}, sort: { column: 'date', direction: 'asc' }, format: 'json' }));
        const final = await finished;
        expect(final.state).toBe('cancelled');
        expect(final.rows).toBeLessThan(ROWS);
        expect(final.downloadUrl).toBeNull();
      } finally {
        off();
      }
    });
    expect(leftovers()).toEqual([]);
    const db = openProfileFile(dbFile);
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    db.close();
    expect(row!.busy).toBe(0);
  }, 60_000);
});
