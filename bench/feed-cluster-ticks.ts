import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metric, spawnFeedNode, type NodeProcess } from '../test/support/feed-cluster.js';
import { startRedis } from '../test/support/redis.js';
import { loadAvg, processCpuMs } from './machine.js';

/**
 * The cluster's own cost per tick, whatever the clients: feed nodes in simulate mode producing `rate` ticks/s over
 * `symbols` symbols with no client connected, first one node alone, then `nodes` nodes on one Redis. CPU time (user +
 * system, from /proc) of each process over `seconds`, per 1,000 ticks produced. One node alone spends it simulating
 * and stamping; in the cluster each node also sends what it produced to Redis and reads every stamped batch back,
 * and Redis runs the stamp script and publishes.
 *
 * With BENCH_FEED_CLUSTER_CPU_PROF=<dir> every node writes a V8 CPU profile there when it stops.
 *
 * Standalone: `node --import tsx bench/feed-cluster-ticks.ts [seconds]` prints JSON.
 */
export interface FeedClusterTicksOptions {
  symbols?: number;
  rate?: number;
  nodes?: number;
  seconds?: number;
}

export async function benchFeedClusterTicks(opts: FeedClusterTicksOptions = {}) {
  const o = { symbols: opts.symbols ?? 500, rate: opts.rate ?? 5000, nodes: opts.nodes ?? 2, seconds: opts.seconds ?? 15 };
  const dir = mkdtempSync(join(tmpdir(), 'bourse-feed-ticks-bench-'));
  const seeds: Record<string, { price: string; currency: string }> = {};
  for (let i = 0; i < o.symbols; i++) seeds[`B${String(i).padStart(3, '0')}-USD`] = { price: '100.00', currency: 'USD' };
  const seedFile = join(dir, 'seeds.json');
  writeFileSync(seedFile, JSON.stringify(seeds));
  const args = ['--mode', 'simulate', '--rate', String(o.rate), '--seed', seedFile];
  const profDir = process.env.BENCH_FEED_CLUSTER_CPU_PROF;
  const execArgv = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  try {
    const single = await spawnFeedNode([...args, '--node', 'single'], {}, execArgv);
    let alone;
    try {
      alone = await measure([single], null, o.seconds);
    } finally {
      await single.stop();
    }
    const redis = await startRedis();
    try {
      const nodes: NodeProcess[] = [];
      try {
        for (let i = 0; i < o.nodes; i++) nodes.push(await spawnFeedNode([...args, '--redis', redis.url, '--node', `n${i}`], {}, execArgv));
        const cluster = await measure(nodes, redis.pid(), o.seconds);
        return {
          name: 'feed-cluster-ticks',
          symbols: o.symbols,
          targetTicksPerSec: o.rate,
          seconds: o.seconds,
          oneNode: alone,
          cluster,
          /** Nodes and Redis of the cluster against one node alone, CPU per tick. */
          ratio: Number((cluster.cpuMsPerThousandTicks.total / alone.cpuMsPerThousandTicks.total).toFixed(2)),
        };
      } finally {
        for (const n of nodes) await n.stop();
      }
    } finally {
      await redis.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(nodes: NodeProcess[], redisPid: number | null, seconds: number) {
  // Leases taken, the roster read, the simulators in step.
  await sleep(4000);
  const pids = [...nodes.map((n) => n.proc.pid as number), ...(redisPid ? [redisPid] : [])];
  const load = loadAvg();
  const ticks0 = await ticksIn(nodes);
  const cpu0 = pids.map(processCpuMs);
  const t0 = Date.now();
  await sleep(seconds * 1000);
  const cpu = pids.map((p, i) => processCpuMs(p) - (cpu0[i] as number));
  const wall = (Date.now() - t0) / 1000;
  const ticks = (await ticksIn(nodes)) - ticks0;
  const per = (ms: number) => Number(((ms / ticks) * 1000).toFixed(1));
  const nodeCpu = cpu.slice(0, nodes.length);
  const redisCpu = redisPid ? (cpu[nodes.length] as number) : 0;
  return {
    nodes: nodes.length,
    ticksInPerSec: Math.round(ticks / wall),
    cpuSec: { nodes: nodeCpu.map((c) => c / 1000), redis: redisPid ? redisCpu / 1000 : null },
    cpuMsPerThousandTicks: {
      nodes: nodeCpu.map(per),
      redis: redisPid ? per(redisCpu) : null,
      total: per(nodeCpu.reduce((a, b) => a + b, 0) + redisCpu),
    },
    loadAvgDuring: [load, loadAvg()],
  };
}

async function ticksIn(nodes: NodeProcess[]): Promise<number> {
  const values = await Promise.all(nodes.map((n) => metric(n.url, 'bourse_feed_ticks_in_total')));
  return values.reduce((a, b) => a + b, 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchFeedClusterTicks({ seconds: Number(process.argv[2] ?? 15) }), null, 2));
  process.exit(0);
}
