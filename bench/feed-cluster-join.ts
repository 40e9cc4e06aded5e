import { setTimeout as sleep } from 'node:timers/promises';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnFeedNode } from '../test/support/feed-cluster.js';
import { startRedis } from '../test/support/redis.js';
import type { ClientConfig } from './feed-cluster-client.js';
import { loadAvg, processCpuMs } from './machine.js';

/**
 * What a cluster node spends on one client joining: the WebSocket handshake, the token check, the subscribe and its
 * snapshot, measured as the node's CPU time (from /proc) while `clients` clients of one worker process connect and
 * subscribe to `perClient` symbols each, with almost no ticks flowing (10 a second), so the figure is the joins' own.
 * That is the work a survivor does for each client of a dead node on top of its delivery (bench/feed-cluster.ts
 * measures the takeover as a whole).
 *
 * Standalone: `node --import tsx bench/feed-cluster-join.ts [clients]` prints JSON.
 */
export interface FeedClusterJoinOptions {
  clients?: number;
  symbols?: number;
  perClient?: number;
}

const CLIENT = fileURLToPath(new URL('./feed-cluster-client.ts', import.meta.url));
const TOKEN = 'bench-token';

export async function benchFeedClusterJoin(opts: FeedClusterJoinOptions = {}) {
  const o = { clients: opts.clients ?? 1000, symbols: opts.symbols ?? 500, perClient: opts.perClient ?? 5 };
  const dir = mkdtempSync(join(tmpdir(), 'bourse-feed-join-bench-'));
  const seeds: Record<string, { price: string; currency: string }> = {};
  for (let i = 0; i < o.symbols; i++) seeds[`B${String(i).padStart(3, '0')}-USD`] = { price: '100.00', currency: 'USD' };
  const seedFile = join(dir, 'seeds.json');
  writeFileSync(seedFile, JSON.stringify(seeds));
  const redis = await startRedis();
  const profDir = process.env.BENCH_FEED_CLUSTER_CPU_PROF;
  let worker: ChildProcess | null = null;
  try {
    const node = await spawnFeedNode(['--mode', 'simulate', '--rate', '10', '--seed', seedFile, '--redis', redis.url, '--node', 'join'], { BOURSE_FEED_TOKEN: TOKEN }, profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
    try {
      // Let the node take its leases and settle.
      await sleep(2000);
      const pid = node.proc.pid as number;
      const w = fork(CLIENT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      worker = w;
      const load = loadAvg();
      const cpu0 = processCpuMs(pid);
      const redis0 = processCpuMs(redis.pid() as number);
      const t0 = Date.now();
      const cfg: ClientConfig = { urls: [node.url], token: TOKEN, offset: 0, count: o.clients, perClient: o.perClient, symbols: Object.keys(seeds), failoverSpreadMs: 0 };
      await new Promise<void>((resolve, reject) => {
        w.on('message', (m: { type: string }) => m.type === 'ready' && resolve());
        w.once('exit', (code) => reject(new Error(`client worker exited with ${code}`)));
        w.send({ type: 'start', ...cfg });
      });
      const wall = Date.now() - t0;
      const nodeCpu = processCpuMs(pid) - cpu0;
      const redisCpu = processCpuMs(redis.pid() as number) - redis0;
      return {
        name: 'feed-cluster-join',
        clients: o.clients,
        symbolsPerClient: o.perClient,
        /** Clients connect in groups of 50, each group once the previous one is subscribed (bench/feed-cluster-client.ts). */
        wallMs: wall,
        nodeCpuMs: nodeCpu,
        redisCpuMs: redisCpu,
        nodeCpuMsPerJoin: Number((nodeCpu / o.clients).toFixed(3)),
        loadAvgDuring: [load, loadAvg()],
      };
    } finally {
      worker?.kill();
      await node.stop();
    }
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchFeedClusterJoin({ clients: Number(process.argv[2] ?? 1000) }), null, 2));
  process.exit(0);
}
