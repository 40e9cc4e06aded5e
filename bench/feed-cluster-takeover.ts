import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { spawnFeedNode, type NodeProcess } from '../test/support/feed-cluster.js';
import { startRedis } from '../test/support/redis.js';
import { loadAvg } from './machine.js';

/**
 * How long a SIGKILLed node's leases take to move: two nodes (default lease TTL) share `symbols` simulated symbols and
 * no client; one is killed, and Redis is polled every 10 ms until every lease is held by the survivor. The time from
 * the kill to that moment, per run. That is the floor of "every moved client has a tick again" in
 * bench/feed-cluster.ts (a client whose symbols were all on the dead node gets nothing before), measured without the
 * clients' load, so it holds at any load average.
 *
 * Standalone: `node --import tsx bench/feed-cluster-takeover.ts [runs]` prints JSON.
 */
export interface FeedClusterTakeoverOptions {
  runs?: number;
  symbols?: number;
}

export async function benchFeedClusterTakeover(opts: FeedClusterTakeoverOptions = {}) {
  const o = { runs: opts.runs ?? 5, symbols: opts.symbols ?? 100 };
  const dir = mkdtempSync(join(tmpdir(), 'bourse-feed-takeover-bench-'));
  const seeds: Record<string, { price: string; currency: string }> = {};
  for (let i = 0; i < o.symbols; i++) seeds[`T${String(i).padStart(3, '0')}-USD`] = { price: '100.00', currency: 'USD' };
  const seedFile = join(dir, 'seeds.json');
  writeFileSync(seedFile, JSON.stringify(seeds));
  const load = loadAvg();
  const takeoverMs: number[] = [];
  try {
    for (let run = 0; run < o.runs; run++) {
      const redis = await startRedis();
      const inspect = new Redis(redis.url);
      inspect.on('error', () => undefined);
      const nodes: NodeProcess[] = [];
      try {
        for (const name of ['s', 'v']) {
          nodes.push(await spawnFeedNode(['--mode', 'simulate', '--rate', '50', '--seed', seedFile, '--redis', redis.url, '--node', name]));
        }
        const owners = async () => {
          const keys = await inspect.keys('bourse:feed:lease:*');
          return keys.length ? ((await inspect.mget(keys)) as (string | null)[]) : [];
        };
        // Both nodes hold their share.
        for (let t = Date.now(); ; await sleep(20)) {
          const o2 = await owners();
          if (o2.length === o.symbols && o2.includes('s') && o2.includes('v')) break;
          if (Date.now() - t > 30_000) throw new Error('leases did not settle');
        }
        // A moment into the renewal round, as a kill can come at any point of it.
        await sleep(200 + Math.floor(Math.random() * 1000));
        const killedAt = Date.now();
        await nodes[1]!.kill();
        for (;;) {
          const o2 = await owners();
          if (o2.length === o.symbols && o2.every((n) => n === 's')) break;
          if (Date.now() - killedAt > 30_000) throw new Error('leases did not move');
          await sleep(10);
        }
        takeoverMs.push(Date.now() - killedAt);
      } finally {
        for (const n of nodes) await n.stop();
        inspect.disconnect();
        await redis.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...takeoverMs].sort((a, b) => a - b);
  return {
    name: 'feed-cluster-takeover',
    symbols: o.symbols,
    runs: o.runs,
    /** From SIGKILL to every lease held by the survivor, per run, in run order. */
    takeoverMs,
    median: sorted[Math.floor(sorted.length / 2)],
    max: sorted[sorted.length - 1],
    loadAvgDuring: [load, loadAvg()],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchFeedClusterTakeover({ runs: Number(process.argv[2] ?? 5) })));
  process.exit(0);
}
