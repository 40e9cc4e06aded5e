import { benchDeposits } from './deposits.js';
import { loadAvg, machine } from './machine.js';

/**
 * `npm run bench [-- names...]`: runs the named benchmarks (all when none is named) and prints one JSON document:
 * figures only, never pass/fail. Each result carries the load average around it, since this machine is shared.
 *
 *   deposits   deposits/s through dispatch vs raw single-row commits
 *   cipher     single-row commits without a cipher, in SQLCipher 4's format and in AEGIS-256 (time and CPU per commit)
 *   signin     scrypt verification at N=2^15 and 2^17, the key's derivation, profile:login (encrypted), the first login after the upgrade
 *   coldstart  browser host spawn → sign-in screen → wallets visible (needs `npm run build`)
 *   ingest     1M FX rows through the sync path vs raw one-transaction inserts
 *   convert    fx:convert latency for past dates through dispatch
 *   feed       feed server → client ticks, CPU and latency (default 30 s)
 *   feed-cluster  one node vs two on Redis, 2,000 clients, 500 symbols, 5,000 ticks/s; a node killed
 *   feed-cluster-ticks  the cluster's CPU per 1,000 ticks with no client, against one node alone
 *   feed-cluster-join  a node's CPU per joining client
 *   feed-cluster-takeover  from a node's SIGKILL to its leases held by the survivor (no clients)
 *   lots       the lots engine: full replay of 100k trades in 5 accounts, a year's realized-gains report, one update
 *   lots-service  report:realized and portfolio:snapshot {accountIds, asOf} through the services, 100k activities on SQLite
 *   portfolio  the pure snapshot (100k activities, 10 years) and its incremental update
 *   portfolio-service  the same through PortfolioService on SQLite (cold, replay, after one trade, per tick)
 *   orders     market order round trip through dispatch (p50, p95, orders/s vs raw single-row commits)
 *   commit-pages  pages each market order's, deposit's and cash transfer's commit writes to the WAL, by B-tree, and the WAL restarts
 *   search     a keystroke to the first results of the instrument search (catalogue and bundled list) through dispatch
 *   first-render  sign-in to the landing Portfolio's figures with 100,000 activities (needs `npm run build`)
 *   portfolio-tick  the Portfolio page (200 holdings) applying the snapshot a live tick brings: renderer main thread (needs `npm run build`)
 *   history    export 1M history rows to CSV vs `sqlite3 -csv`, history:page at random offsets, import 100k rows
 *
 * Options: --feed-seconds=N (or BENCH_FEED_SECONDS), --feed-cluster-seconds=N, --feed-cluster-per-client=N (symbols per client,
 * default 5), --feed-cluster-spread-ms=N (the clients' failover spread, default 2000), --feed-cluster-batch-ms=N (the nodes'
 * batching window), --feed-cluster-ticks-seconds=N, --feed-cluster-join-clients=N, --feed-cluster-takeover-runs=N, --ingest-pairs=N (100 pairs = 1M rows), --ingest-profile (adds a
 * main-thread CPU profile of the sync run), --coldstart-runs=N, --history-rows=N, --history-export-runs=N (export/sqlite3 pairs,
 * default 3), --history-only=export (skips history:page and the import),
 * --history-only=import (the import alone), --signin-runs=N (default 5), --first-render-runs=N,
 * --first-render-base=<tree> (interleaved with another built checkout), --first-render-data=<dir> (a prepared data
 * folder, made there when missing), --first-render-trace=<dir> (host and renderer CPU profiles, a Chromium trace),
 * --portfolio-tick-runs=N, --portfolio-tick-ticks=N, --portfolio-tick-base=<tree>, --portfolio-tick-data=<dir>, --portfolio-tick-trace=<dir>
 * (each run's Chromium trace).
 */
const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = args.filter((a) => !a.startsWith('--'));
const ALL = ['deposits', 'cipher', 'signin', 'ingest', 'convert', 'feed', 'feed-cluster', 'feed-cluster-ticks', 'feed-cluster-join', 'feed-cluster-takeover', 'coldstart', 'portfolio', 'portfolio-service', 'orders', 'commit-pages', 'export', 'history', 'search', 'lots', 'lots-service', 'first-render', 'portfolio-tick'];
const unknown = only.filter((n) => !ALL.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  process.exit(2);
}
const want = (name: string) => only.length === 0 || only.includes(name);
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

const info = machine();
const results: Record<string, unknown> = {};

async function measure(name: string, run: () => Promise<unknown>): Promise<void> {
  if (!want(name)) return;
  const loadBefore = loadAvg();
  const t0 = performance.now();
  const figures = await run();
  results[name] = { ...(figures as object), loadAvgBefore: loadBefore, loadAvgAfter: loadAvg(), wallSec: Number(((performance.now() - t0) / 1000).toFixed(1)) };
}

await measure('deposits', () => benchDeposits());
await measure('cipher', async () => (await import('./cipher.js')).benchCipher());
await measure('signin', async () => (await import('./signin.js')).benchSignIn({ runs: num(option('signin-runs')) }));
await measure('ingest', async () => (await import('./ingest.js')).benchIngest({ pairs: num(option('ingest-pairs')), profile: args.includes('--ingest-profile') }));
await measure('convert', async () => (await import('./convert.js')).benchConvert());
await measure('feed', async () =>
  (await import('./feed.js')).benchFeed({ durationSec: num(option('feed-seconds') ?? process.env.BENCH_FEED_SECONDS) ?? 30 }),
);
await measure('feed-cluster', async () => (await import('./feed-cluster.js')).benchFeedCluster({ durationSec: num(option('feed-cluster-seconds')), perClient: num(option('feed-cluster-per-client')), failoverSpreadMs: num(option('feed-cluster-spread-ms')), batchMs: num(option('feed-cluster-batch-ms')) }));
await measure('feed-cluster-ticks', async () => (await import('./feed-cluster-ticks.js')).benchFeedClusterTicks({ seconds: num(option('feed-cluster-ticks-seconds')) }));
await measure('feed-cluster-join', async () => (await import('./feed-cluster-join.js')).benchFeedClusterJoin({ clients: num(option('feed-cluster-join-clients')) }));
await measure('feed-cluster-takeover', async () => (await import('./feed-cluster-takeover.js')).benchFeedClusterTakeover({ runs: num(option('feed-cluster-takeover-runs')) }));
await measure('coldstart', async () => (await import('./coldstart.js')).benchColdStart({ runs: num(option('coldstart-runs')) }));
await measure('portfolio', async () => (await import('./portfolio.js')).benchPortfolio({ activities: num(option('portfolio-activities')) }));
await measure('portfolio-service', async () =>
  (await import('./portfolio-service.js')).benchPortfolioService({ activities: num(option('portfolio-activities')) }),
);
await measure('lots', async () => (await import('./lots.js')).benchLots({ activities: num(option('lots-activities')) }));
await measure('lots-service', async () => (await import('./lots-service.js')).benchLotsService({ activities: num(option('lots-service-activities')), runs: num(option('lots-service-runs')) }));
await measure('orders', async () => (await import('./orders.js')).benchOrders());
await measure('commit-pages', async () => (await import('./commit-pages.js')).benchCommitPages());
await measure('export', async () => (await import('./export-writer.js')).benchExportWriter({ rows: num(option('export-rows')) }));
await measure('history', async () =>
  (await import('./history.js')).benchHistory({
    rows: num(option('history-rows')),
    importRows: num(option('history-import-rows')),
    exportRuns: num(option('history-export-runs')),
    only: option('history-only') === 'export' || option('history-only') === 'import' ? (option('history-only') as 'export' | 'import') : undefined,
  }),
);
await measure('search', async () => (await import('./search.js')).benchSearch({ instruments: num(option('search-instruments')) }));
await measure('first-render', async () => (await import('./first-render.js')).benchFirstRender({ runs: num(option('first-render-runs')), activities: num(option('first-render-activities')), base: option('first-render-base'), data: option('first-render-data'), trace: option('first-render-trace') }));
await measure('portfolio-tick', async () => (await import('./portfolio-tick.js')).benchPortfolioTick({ runs: num(option('portfolio-tick-runs')), ticks: num(option('portfolio-tick-ticks')), activities: num(option('portfolio-tick-activities')), base: option('portfolio-tick-base'), data: option('portfolio-tick-data'), trace: option('portfolio-tick-trace') }));

console.log(JSON.stringify({ machine: info, results }, null, 2));
// Worker threads, sockets or the browser of a benchmark must not keep the process alive once the figures are out.
process.exit(0);
