import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFeedServer } from '../feed/server.js';
import type { SeedPrice } from '../feed/seed-prices.js';
import { FeedClient } from '../main/worker/feed-client.js';

/**
 * Feed throughput: the feed server simulates `rate` ticks/s spread over `symbols` symbols for `durationSec`; the feed
 * client runs in a child process (so its CPU is its own) and measures what its consumer sees. Latency is from the
 * tick's `ts` (stamped by the server as it generates and sends the tick) to the client's `update` callback, both on
 * this machine's clock. Spreading over many symbols keeps each symbol at or under the client's ~10 updates/s
 * coalescing bound, so the latency measured is transport + batching, not the deliberate coalescing delay.
 *
 * Standalone: `node --import tsx bench/feed.ts [durationSec] [rate]` prints JSON.
 */
export interface FeedBenchOptions {
  durationSec?: number;
  rate?: number;
  symbols?: number;
}

interface ChildReport {
  received: number;
  accepted: number;
  delivered: number;
  malformed: number;
  outOfOrder: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  wallMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const SELF = fileURLToPath(import.meta.url);

export async function benchFeed(opts: FeedBenchOptions = {}) {
  const durationSec = opts.durationSec ?? 30;
  const rate = opts.rate ?? 10_000;
  const symbolCount = opts.symbols ?? 2000;
  const seeds: Record<string, SeedPrice> = {};
  for (let i = 0; i < symbolCount; i++) seeds[`S${String(i).padStart(4, '0')}-USD`] = { price: '100.00', currency: 'USD' };
  const symbols = Object.keys(seeds);

  const server = await startFeedServer({ port: 0, mode: 'simulate', rate, seedPrices: seeds, symbols });
  try {
    const child = fork(SELF, ['--feed-bench-child', server.url, String(durationSec), symbols.join(',')], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let publishedAtStart = 0;
    const report = await new Promise<ChildReport>((resolve, reject) => {
      child.on('message', (m: { type: string; report?: ChildReport }) => {
        if (m.type === 'measuring') publishedAtStart = server.stats().published;
        if (m.type === 'done' && m.report) resolve(m.report);
      });
      child.once('exit', (code) => reject(new Error(`bench child exited with ${code}`)));
    });
    const published = server.stats().published - publishedAtStart;
    child.kill();
    const seconds = report.wallMs / 1000;
    return {
      name: 'feed-server-to-client',
      targetTicksPerSec: rate,
      symbols: symbolCount,
      durationSec: Number(seconds.toFixed(2)),
      ticksPublished: published,
      ticksDelivered: report.accepted,
      ticksPerSecDelivered: Math.round(report.accepted / seconds),
      consumerUpdates: report.delivered,
      malformed: report.malformed,
      outOfOrder: report.outOfOrder,
      clientCpuMs: { user: report.cpuUserMs, system: report.cpuSystemMs },
      clientCpuPercentOfOneCore: Number((((report.cpuUserMs + report.cpuSystemMs) / report.wallMs) * 100).toFixed(1)),
      latencyMs: { p50: report.p50, p95: report.p95, p99: report.p99, max: report.max },
      targetP95Ms: 100,
    };
  } finally {
    await server.close();
  }
}

/** The client side, in its own process. Warm-up until the first update, then measure for `durationSec`. */
async function runChild(url: string, durationSec: number, symbols: string[]): Promise<void> {
  const client = new FeedClient({ url, staleAfterMs: { crypto: 60_000 } });
  const latencies: number[] = [];
  let measuring = false;
  client.on('update', (p) => {
    if (measuring) latencies.push(Date.now() - p.ts);
  });
  await client.start();
  await client.subscribe(symbols);
  await new Promise<void>((resolve) => {
    const off = client.on('update', () => {
      off();
      resolve();
    });
  });
  await new Promise((r) => setTimeout(r, 500)); // let connection buffers settle before measuring
  const base = client.stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  process.send?.({ type: 'measuring' });
  await new Promise((r) => setTimeout(r, durationSec * 1000));
  measuring = false;
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  const end = client.stats();
  await client.close();
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const report: ChildReport = {
    received: end.received - base.received,
    accepted: end.accepted - base.accepted,
    delivered: end.delivered - base.delivered,
    malformed: end.malformed - base.malformed,
    outOfOrder: end.outOfOrder - base.outOfOrder,
    cpuUserMs: Math.round(cpu.user / 1000),
    cpuSystemMs: Math.round(cpu.system / 1000),
    wallMs: Math.round(wallMs),
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    max: latencies.at(-1) ?? NaN,
  };
  process.send?.({ type: 'done', report }, undefined, undefined, () => process.exit(0));
}

const argv = process.argv;
if (argv[2] === '--feed-bench-child') {
  await runChild(argv[3] as string, Number(argv[4]), (argv[5] as string).split(','));
} else if (argv[1] && import.meta.url === pathToFileURL(argv[1]).href) {
  const durationSec = argv[2] ? Number(argv[2]) : undefined;
  const rate = argv[3] ? Number(argv[3]) : undefined;
  console.log(JSON.stringify(await benchFeed({ durationSec, rate }), null, 2));
}
