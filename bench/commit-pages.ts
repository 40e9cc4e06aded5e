import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deriveDbKey } from '../main/profiles/db-key-kdf.js';
import { keyed } from '../main/store/db-key.js';
import { Sqlite } from '../main/store/sqlite.js';
import { openTradingProfile, TRADING_PASSWORD } from './trading-profile.js';

/**
 * The pages each commit writes (docs/design.md#pages-per-commit): a market order, a deposit and a cash transfer
 * between two accounts through `dispatch`,
 * counted from the profile database's WAL. Every frame of the WAL is one page written (and encrypted, and fsync'd)
 * by a commit; the frame headers name the page (SQLite3 Multiple Ciphers encrypts the page, not the frame header),
 * and the `dbstat` table of the finished database names the B-tree each page belongs to. Also counts the WAL
 * restarts (checkpoints) over the run. Prints pages per operation (median, mean) and the B-trees they belong to.
 */
export async function benchCommitPages(count = 300, warmup = 300) {
  const { dir, app, call, marketOrder, dispose } = await openTradingProfile('bourse-bench-pages-');
  try {
    const broker = (await call('account:create', { name: 'Broker', kind: 'brokerage' })) as { id: string };
    const profileDir = join(dir, 'profiles', readdirSync(join(dir, 'profiles'))[0]!);
    const wal = new WalReader(join(profileDir, 'bourse.db-wal'));
    let seq = 0;
    const order = () => marketOrder((seq += 1));
    const deposit = () => {
      seq += 1;
      return call('wallet:deposit', { currency: seq % 2 ? 'USD' : 'EUR', amount: '10.25', idempotencyKey: `bench-key-${seq}` });
    };
    const day = new Date().toISOString().slice(0, 10);
    const transfer = () => {
      seq += 1;
      return call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: day, currency: 'USD', amount: '1.25', idempotencyKey: `bench-transfer-${seq}` });
    };
    for (let i = 0; i < warmup; i++) {
      await order();
      await deposit();
      await transfer();
    }
    // Let the history indexer's batch (a second after the last write) run now, not inside a counted operation.
    await new Promise((r) => setTimeout(r, 1500));
    const measure = async (op: () => Promise<unknown>) => {
      const pages: number[][] = [];
      let restarts = 0;
      wal.advance();
      for (let i = 0; i < count; i++) {
        await op();
        const step = wal.advance();
        if (step.restarted) restarts++;
        pages.push(step.pages);
      }
      return { pages, restarts };
    };
    const orders = await measure(order);
    const deposits = await measure(deposit);
    const transfers = await measure(transfer);
    await app.close();

    const [row] = new Sqlite(join(dir, 'app.db'), { readonly: true }).prepare('SELECT key_params FROM profiles').all() as { key_params: string }[];
    const key = await deriveDbKey(TRADING_PASSWORD, row!.key_params);
    const db = keyed(new Sqlite(join(profileDir, 'bourse.db'), { readonly: true }), key);
    const owner = new Map<number, string>();
    for (const r of db.prepare('SELECT name, pageno, pagetype FROM dbstat').all() as { name: string; pageno: number; pagetype: string }[]) {
      owner.set(r.pageno, r.pagetype === 'overflow' ? `${r.name} (overflow)` : r.name);
    }
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    db.close();
    const summary = (m: { pages: number[][]; restarts: number }) => {
      const perOp = m.pages.map((p) => p.length).filter((n) => n > 0);
      const sorted = [...perOp].sort((a, b) => a - b);
      const byTree = new Map<string, number>();
      for (const p of m.pages) {
        for (const pg of new Set(p)) {
          const name = owner.get(pg) ?? (pg > pageCount ? 'beyond end' : 'other (freelist, pointer map)');
          byTree.set(name, (byTree.get(name) ?? 0) + 1);
        }
      }
      return {
        operations: m.pages.length,
        pagesMedian: sorted[Math.floor(sorted.length / 2)] ?? 0,
        pagesMean: Number((perOp.reduce((a, b) => a + b, 0) / Math.max(1, perOp.length)).toFixed(2)),
        walRestarts: m.restarts,
        perOperationByBtree: Object.fromEntries([...byTree].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Number((v / m.pages.length).toFixed(2))])),
      };
    };
    return { name: 'commit-pages', count, warmup, orders: summary(orders), deposits: summary(deposits), transfers: summary(transfers) };
  } finally {
    await dispose();
  }
}

/** Reads the frames appended to a WAL file since the last call: page numbers, and whether the WAL was restarted. */
class WalReader {
  private salt = '';
  private frames = 0;
  constructor(private readonly file: string) {}

  advance(): { pages: number[]; restarted: boolean } {
    const size = statSync(this.file).size;
    const fd = openSync(this.file, 'r');
    try {
      const header = Buffer.alloc(32);
      readSync(fd, header, 0, 32, 0);
      const pageSize = header.readUInt32BE(8);
      const salt = header.subarray(16, 24).toString('hex');
      const restarted = salt !== this.salt;
      const from = restarted ? 0 : this.frames;
      const frameSize = 24 + pageSize;
      const pages: number[] = [];
      const fh = Buffer.alloc(24);
      let valid = from;
      // Frames of the current WAL carry its salts; what follows them is left over from before a restart.
      for (let i = from; 32 + (i + 1) * frameSize <= size; i++) {
        readSync(fd, fh, 0, 24, 32 + i * frameSize);
        if (fh.subarray(8, 16).toString('hex') !== salt) break;
        pages.push(fh.readUInt32BE(0));
        valid = i + 1;
      }
      this.salt = salt;
      this.frames = valid;
      return { pages, restarted };
    } finally {
      closeSync(fd);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchCommitPages(), null, 2));
}
