import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventHub } from '../main/events.js';
import { openMarketStore } from '../main/store/market-store.js';
import type { Store } from '../main/store/data-source.js';
import { workerThreadLink } from '../main/worker/links.js';
import { CHUNK_DAYS, SyncService } from '../main/sync/service.js';
import { addDays } from '../shared/fx.js';
import { profiled } from './profile.js';
import { INGEST_DAYS, INGEST_SINCE, INGEST_SOURCE, INGEST_TODAY, ingestPairs, syntheticRate } from './ingest-data.js';

/**
 * 1,000,000 daily FX rows through the sync path, end to end, against raw better-sqlite3 in the same run.
 *
 * Sync path: a real worker_threads worker (bench/ingest-worker.ts, same messages as the production worker) receives
 * the `sync:start` jobs that a real SyncService plans with `ensure()` (366-day chunks, as in production), and posts
 * one `sync:batch` per chunk; SyncService.onWorker writes each with the production code (ingestRates' prepared
 * INSERT OR REPLACE plus the job cursor, one transaction per batch, synchronous=FULL). The clock runs from `ensure()`
 * until the last batch's commit has been reported (its `sync:progress` event).
 *
 * Yardstick: the same rows, in the same order, through one prepared INSERT in ONE transaction, into a fresh market.db
 * opened by the same openMarketStore (same schema, same pragmas).
 *
 * Diagnostic: the same rows and the same chunking as the sync path but with no worker and no messages, one
 * transaction per chunk: tells how much of the gap is commits (fsync per batch) and how much is the messaging.
 */

const PAIRS = 100;
const RAW_INSERT = 'INSERT INTO fx_rates (base, quote, date, source, rate) VALUES (?, ?, ?, ?, ?)';
const UPSERT = 'INSERT OR REPLACE INTO fx_rates (base, quote, date, source, rate) VALUES (?, ?, ?, ?, ?)';

function rawConnection(store: Store): BetterSqlite3.Database {
  return (store.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

/** Dates and rate strings made before any clock starts, so the yardstick measures SQLite and nothing else. */
function pregenerate(pairs: readonly [string, string][]): { dates: string[]; rates: string[][] } {
  const dates: string[] = [];
  for (let i = 0, d = INGEST_SINCE; i < INGEST_DAYS; i++, d = addDays(d, 1)) dates.push(d);
  const rates = pairs.map((_, p) => dates.map((_d, i) => syntheticRate(p, i)));
  return { dates, rates };
}

async function rawOneTransaction(dir: string, pairs: readonly [string, string][], data: ReturnType<typeof pregenerate>) {
  mkdirSync(dir, { recursive: true });
  const store = await openMarketStore(join(dir, 'market.db'));
  try {
    const db = rawConnection(store);
    const insert = db.prepare(RAW_INSERT);
    const all = db.transaction(() => {
      for (let p = 0; p < pairs.length; p++) {
        const [base, quote] = pairs[p]!;
        const rates = data.rates[p]!;
        for (let i = 0; i < data.dates.length; i++) insert.run(base, quote, data.dates[i], INGEST_SOURCE, rates[i]);
      }
    });
    const t0 = performance.now();
    all();
    const ms = performance.now() - t0;
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM fx_rates').get() as { n: number }).n;
    return { rows, ms: Math.round(ms), rowsPerSec: Math.round((rows / ms) * 1000) };
  } finally {
    await store.close();
  }
}

/**
 * Same rows, same 366-day chunks, one INSERT OR REPLACE transaction per chunk, no worker and no messages: the commit
 * cost on its own. BEGIN/COMMIT are explicit so the time spent committing (the WAL fsync of synchronous=FULL) is timed.
 */
async function rawPerChunk(dir: string, pairs: readonly [string, string][], data: ReturnType<typeof pregenerate>) {
  mkdirSync(dir, { recursive: true });
  const store = await openMarketStore(join(dir, 'market.db'));
  try {
    const db = rawConnection(store);
    const upsert = db.prepare(UPSERT);
    const begin = db.prepare('BEGIN');
    const commit = db.prepare('COMMIT');
    let commits = 0;
    let commitMs = 0;
    const t0 = performance.now();
    for (let p = 0; p < pairs.length; p++) {
      const [base, quote] = pairs[p]!;
      const rates = data.rates[p]!;
      for (let from = 0; from < INGEST_DAYS; from += CHUNK_DAYS) {
        begin.run();
        for (let i = from, to = Math.min(INGEST_DAYS, from + CHUNK_DAYS); i < to; i++) upsert.run(base, quote, data.dates[i], INGEST_SOURCE, rates[i]);
        const c0 = performance.now();
        commit.run();
        commitMs += performance.now() - c0;
        commits += 1;
      }
    }
    const ms = performance.now() - t0;
    const rows = pairs.length * INGEST_DAYS;
    return {
      rows,
      commits,
      ms: Math.round(ms),
      commitMs: Math.round(commitMs),
      msPerCommit: Number((commitMs / commits).toFixed(3)),
      rowsPerSec: Math.round((rows / ms) * 1000),
    };
  } finally {
    await store.close();
  }
}

async function throughSync(dir: string, pairs: readonly [string, string][], profile: boolean) {
  mkdirSync(dir, { recursive: true });
  const store = await openMarketStore(join(dir, 'market.db'));
  // One extra pair, 31 days, run first: starts the thread (tsx compile included), prepares statements, warms the JIT.
  const warm = ingestPairs(pairs.length + 1)[pairs.length]!;
  const symbols = [...pairs, warm].map(([a, b]) => `${a}-${b}`);
  const link = workerThreadLink(new URL('./ingest-worker-boot.mjs', import.meta.url), { pairs: symbols });
  const events = new EventHub();
  const sync = new SyncService(store, link, events, () => INGEST_TODAY);

  // Job ids the clock waits for; the time each job's last batch was reported committed.
  let waiting = new Set<number>();
  let lastBatchAt = 0;
  let rowsCommitted = 0;
  let batches = 0;
  let onAllDone: (() => void) | undefined;
  events.subscribe((e) => {
    if (e.event !== 'sync:progress' || !waiting.has(e.payload.id)) return;
    const p = e.payload;
    if (p.state === 'running') {
      batches += 1;
      if (p.done === p.total) {
        lastBatchAt = performance.now();
        rowsCommitted += p.rows;
      }
    } else if (p.state === 'done') {
      waiting.delete(p.id);
      if (waiting.size === 0) onAllDone?.();
    } else if (p.state === 'failed' || p.state === 'cancelled') throw new Error(`ingest job ${p.id} ${p.state}: ${p.error}`);
  });
  const run = async (list: readonly [string, string][], since: string) => {
    const done = new Promise<void>((resolve) => (onAllDone = resolve));
    const jobs = await sync.ensure(
      list.map(([base, quote]) => ({ target: { assetClass: 'fx' as const, symbol: `${base}-${quote}`, base, quote }, since })),
    );
    waiting = new Set(jobs.map((j) => j.id));
    if (waiting.size === 0) throw new Error('no sync jobs were planned');
    await done;
  };

  try {
    await run([warm], addDays(INGEST_TODAY, -30));
    rowsCommitted = 0;
    batches = 0;
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const where = profile ? (await profiled(() => run(pairs, INGEST_SINCE))).profile : undefined;
    if (!profile) await run(pairs, INGEST_SINCE);
    const ms = lastBatchAt - t0;
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    const db = rawConnection(store);
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM fx_rates WHERE source = ?').get(INGEST_SOURCE) as { n: number }).n;
    return {
      rows: rowsCommitted,
      storedRowsIncludingWarmup: stored,
      batches,
      ms: Math.round(ms),
      rowsPerSec: Math.round((rowsCommitted / ms) * 1000),
      // Main thread busy share while ingesting; the process CPU below also counts the worker thread.
      mainEventLoopUtilization: Number(elu.utilization.toFixed(3)),
      processCpuMs: { user: Math.round(cpu.user / 1000), system: Math.round(cpu.system / 1000) },
      ...(where ? { mainThreadProfile: where } : {}),
    };
  } finally {
    await sync.close();
    await link.close();
    await store.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;

/**
 * `rounds`: raw, sync and the per-chunk diagnostic run in turn, each round on fresh databases, and the medians are
 * reported: fsync latency on this shared disk swings by 3x from one minute to the next, so one round proves little.
 * `profile`: also sample the main thread during the first round's sync run (slows it a little; the output says so).
 */
export async function benchIngest(opts: { pairs?: number; rounds?: number; dir?: string; profile?: boolean } = {}) {
  const pairs = ingestPairs(opts.pairs ?? PAIRS);
  const rounds = opts.rounds ?? 3;
  const dir = mkdtempSync(join(opts.dir ?? tmpdir(), 'bourse-bench-ingest-'));
  try {
    const data = pregenerate(pairs);
    const per: { raw: Awaited<ReturnType<typeof rawOneTransaction>>; sync: Awaited<ReturnType<typeof throughSync>>; chunked: Awaited<ReturnType<typeof rawPerChunk>> }[] = [];
    for (let r = 0; r < rounds; r++) {
      const at = (name: string) => join(dir, `${name}-${r}`);
      const raw = await rawOneTransaction(at('raw'), pairs, data);
      rmSync(at('raw'), { recursive: true, force: true });
      const sync = await throughSync(at('sync'), pairs, r === 0 && (opts.profile ?? false));
      rmSync(at('sync'), { recursive: true, force: true });
      const chunked = await rawPerChunk(at('chunked'), pairs, data);
      rmSync(at('chunked'), { recursive: true, force: true });
      per.push({ raw, sync, chunked });
    }
    const syncRate = median(per.map((x) => x.sync.rowsPerSec));
    const rawRate = median(per.map((x) => x.raw.rowsPerSec));
    const chunkedRate = median(per.map((x) => x.chunked.rowsPerSec));
    return {
      name: 'fx-ingest-through-sync',
      profiledFirstRound: opts.profile ?? false,
      rows: pairs.length * INGEST_DAYS,
      pairs: pairs.length,
      daysPerPair: INGEST_DAYS,
      rowsPerBatch: CHUNK_DAYS,
      rounds,
      syncRowsPerSec: syncRate,
      rawOneTransactionRowsPerSec: rawRate,
      ratio: Number((syncRate / rawRate).toFixed(3)),
      ratioPerRound: per.map((x) => Number((x.sync.rowsPerSec / x.raw.rowsPerSec).toFixed(3))),
      target: 0.5,
      diagnosticRawPerChunkRowsPerSec: chunkedRate,
      diagnosticRatioPerChunkToOneTransaction: Number((chunkedRate / rawRate).toFixed(3)),
      perRound: per.map((x) => ({ raw: x.raw, sync: x.sync, rawPerChunkTransactions: x.chunked })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
