import { Sqlite as Database } from '../main/store/sqlite.js';
import { join } from 'node:path';

/**
 * The yardstick: single-row commits straight through the SQLite binding, UNENCRYPTED, with the pragmas Bourse uses
 * (WAL, synchronous=FULL). Each iteration is its own transaction, as each deposit is.
 */
export function rawSingleRowCommits(dir: string, count: number): { opsPerSec: number; count: number; ms: number; cpuUsPerOp: number } {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, amount TEXT NOT NULL, created_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (amount, created_at) VALUES (?, ?)');
  const one = db.transaction((i: number) => insert.run(`${i}.00`, new Date().toISOString()));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) one(i);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  db.close();
  return { opsPerSec: (count / ms) * 1000, count, ms, cpuUsPerOp: (cpu.user + cpu.system) / count };
}
