import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DbKey, type CipherFormat } from '../main/store/db-key.js';
import { Sqlite } from '../main/store/sqlite.js';

/**
 * What the page cipher costs a commit: single-row commits (WAL, synchronous=FULL, as profiles run) into a table with
 * eight indexes, so each commit writes about ten pages, in every format `DbKey` knows and without a cipher. The
 * formats run interleaved, round after round, so a change of load hits them alike.
 */
type Variant = 'plain' | CipherFormat;
const VARIANTS: Variant[] = ['plain', 'sqlcipher-4', 'aegis-256'];

function commits(dir: string, variant: Variant, count: number): { usPerCommit: number; cpuUsPerCommit: number; pagesPerCommit: number } {
  const db = new Sqlite(join(dir, `${variant}.db`));
  try {
    if (variant !== 'plain') DbKey.fromBytes(Buffer.alloc(32, 7)).inFormat(variant).apply(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -32768');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, amount TEXT NOT NULL, note TEXT, at TEXT NOT NULL)');
    for (let i = 0; i < 8; i++) db.exec(`CREATE INDEX t_${i} ON t (at, amount)`);
    const insert = db.prepare('INSERT INTO t (amount, note, at) VALUES (?, ?, ?)');
    const one = db.transaction((i: number) => insert.run(`${i}.00`, 'x'.repeat(100), `${Math.random()}`));
    for (let i = 0; i < 300; i++) one(i);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) one(i);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const frames = (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? 0;
    return {
      usPerCommit: Number(((ms * 1000) / count).toFixed(1)),
      cpuUsPerCommit: Number(((cpu.user + cpu.system) / count).toFixed(1)),
      pagesPerCommit: Number((frames / count).toFixed(1)),
    };
  } finally {
    db.close();
  }
}

export function benchCipher(opts: { count?: number; rounds?: number } = {}) {
  const count = opts.count ?? 2000;
  const rounds = opts.rounds ?? 3;
  const runs: Record<Variant, ReturnType<typeof commits>[]> = { plain: [], 'sqlcipher-4': [], 'aegis-256': [] };
  for (let r = 0; r < rounds; r++) {
    for (const v of VARIANTS) {
      const dir = mkdtempSync(join(tmpdir(), 'bourse-cipher-'));
      try {
        runs[v].push(commits(dir, v, count));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const summary = Object.fromEntries(
    VARIANTS.map((v) => [
      v,
      {
        usPerCommitMedian: median(runs[v].map((x) => x.usPerCommit)),
        cpuUsPerCommitMedian: median(runs[v].map((x) => x.cpuUsPerCommit)),
        pagesPerCommit: median(runs[v].map((x) => x.pagesPerCommit)),
        runs: runs[v],
      },
    ]),
  );
  return { name: 'page-cipher-cost', count, rounds, ...summary };
}
