import { setTimeout as sleep } from 'node:timers/promises';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { get } from 'node:http';
import { spawnFeedNode, type NodeProcess } from '../test/support/feed-cluster.js';
import { startRedis } from '../test/support/redis.js';
import type { ClientConfig, ClientReport } from './feed-cluster-client.js';
import { loadAvg, processCpuMs } from './machine.js';

/**
 * The feed cluster at load: feed nodes as their own processes (`npm run feed`, simulate mode, `rate` ticks/s over
 * `symbols` symbols), `clients` bare socket.io clients in `workers` processes, each following `perClient` symbols.
 * First one node alone (no Redis), then two nodes on one Redis with the clients spread over both, same load: the
 * difference is the cluster's cost. Then one of the two nodes is SIGKILLed: how long until every client has a tick
 * again (its clients fail over to the other node at once; its symbols tick again once their leases expire and move).
 *
 * Delivery completeness counts from seqs (consecutive per symbol), latency is the tick's `ts` (set where it is
 * produced) to its arrival in the client, on this machine's clock. CPU is the node processes' (and Redis's) user+system
 * time over the measured window, from /proc.
 *
 * With BENCH_FEED_CLUSTER_CPU_PROF=<dir> every node writes a V8 CPU profile there (`node --cpu-prof`) when it stops.
 *
 * Standalone: `node --import tsx bench/feed-cluster.ts` prints JSON.
 */
export interface FeedClusterBenchOptions {
  clients?: number;
  workers?: number;
  symbols?: number;
  perClient?: number;
  rate?: number;
  durationSec?: number;
  /** How long to watch after the kill. */
  recoverySec?: number;
  /** The clients' failover spread (the app client's `failoverSpreadMs`, default 2000; 0 moves them all at once). */
  failoverSpreadMs?: number;
  /** The nodes' batching window (`--batch-ms`); unset: the server's default. */
  batchMs?: number;
}

const CLIENT = fileURLToPath(new URL('./feed-cluster-client.ts', import.meta.url));
const TOKEN = 'bench-token';

export async function benchFeedCluster(opts: FeedClusterBenchOptions = {}) {
  const o = {
    clients: opts.clients ?? 2000,
    workers: opts.workers ?? 4,
    symbols: opts.symbols ?? 500,
    perClient: opts.perClient ?? 5,
    rate: opts.rate ?? 5000,
    durationSec: opts.durationSec ?? 20,
    recoverySec: opts.recoverySec ?? 30,
    failoverSpreadMs: opts.failoverSpreadMs ?? 2000,
    batchMs: opts.batchMs,
  };
  const uptimeBefore = uptime();
  const dir = mkdtempSync(join(tmpdir(), 'bourse-feed-cluster-bench-'));
  const seeds: Record<string, { price: string; currency: string }> = {};
  for (let i = 0; i < o.symbols; i++) seeds[`B${String(i).padStart(3, '0')}-USD`] = { price: '100.00', currency: 'USD' };
  const seedFile = join(dir, 'seeds.json');
  writeFileSync(seedFile, JSON.stringify(seeds));
  const symbols = Object.keys(seeds);
  const nodeArgs = ['--mode', 'simulate', '--rate', String(o.rate), '--seed', seedFile, ...(o.batchMs === undefined ? [] : ['--batch-ms', String(o.batchMs)])];
  const env = { BOURSE_FEED_TOKEN: TOKEN };
  const profDir = process.env.BENCH_FEED_CLUSTER_CPU_PROF;
  const execArgv = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];

  try {
    // One node alone.
    const single = await spawnFeedNode([...nodeArgs, '--node', 'single'], env, execArgv);
    let singleFigures;
    try {
      singleFigures = await run([single], null, symbols, o, false);
    } finally {
      await single.stop();
    }

    // Two nodes on one Redis.
    const redis = await startRedis();
    try {
      const nodes: NodeProcess[] = [];
      for (const name of ['n0', 'n1']) nodes.push(await spawnFeedNode([...nodeArgs, '--redis', redis.url, '--node', name], env, execArgv));
      try {
        const clusterFigures = await run(nodes, redis.pid(), symbols, o, true);
        return {
          name: 'feed-cluster',
          clients: o.clients,
          clientWorkers: o.workers,
          symbols: o.symbols,
          symbolsPerClient: o.perClient,
          targetTicksPerSec: o.rate,
          durationSec: o.durationSec,
          failoverSpreadMs: o.failoverSpreadMs,
          batchMs: o.batchMs ?? null,
          uptimeBefore,
          uptimeAfter: uptime(),
          singleNode: singleFigures,
          twoNodes: clusterFigures,
          cpuMsPerThousandTicksRatio:
            singleFigures.cpuMsPerThousandTicks && clusterFigures.cpuMsPerThousandTicks
              ? Number((clusterFigures.cpuMsPerThousandTicks / singleFigures.cpuMsPerThousandTicks).toFixed(2))
              : null,
          targetP95Ms: 150,
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

type Options = Omit<Required<FeedClusterBenchOptions>, 'batchMs'> & { batchMs: number | undefined };

async function run(nodes: NodeProcess[], redisPid: number | null, symbols: string[], o: Options, kill: boolean) {
  const urls = nodes.map((n) => n.url);
  const workers: ChildProcess[] = [];
  const per = Math.ceil(o.clients / o.workers);
  const ask = (w: ChildProcess, msg: object, answer: string) =>
    new Promise<{ type: string; report?: ClientReport }>((resolve, reject) => {
      const onMsg = (m: { type: string; report?: ClientReport }) => {
        if (m.type !== answer) return;
        w.off('message', onMsg);
        resolve(m);
      };
      w.on('message', onMsg);
      w.once('exit', (code) => reject(new Error(`client worker exited with ${code}`)));
      w.send(msg);
    });
  try {
    const t0 = Date.now();
    for (let i = 0; i < o.workers; i++) workers.push(fork(CLIENT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const progress = new Array<number>(o.workers).fill(0);
    workers.forEach((w, i) =>
      w.on('message', (m: { type: string; ready?: number; errors?: Record<string, number> }) => {
        if (m.type !== 'progress') return;
        progress[i] = m.ready ?? 0;
        const errors = Object.keys(m.errors ?? {}).length ? ` (worker ${i} connect errors: ${JSON.stringify(m.errors)})` : '';
        process.stderr.write(`feed-cluster: ${nodes.length} node(s), ${progress.reduce((a, b) => a + b, 0)} clients subscribed${errors}\n`);
      }),
    );
    await Promise.all(
      workers.map((w, i) => {
        const cfg: ClientConfig = { urls, token: TOKEN, offset: i * per, count: Math.min(per, o.clients - i * per), perClient: o.perClient, symbols, failoverSpreadMs: o.failoverSpreadMs };
        // A machine too loaded to connect them all in three minutes measures with the clients it has.
        return Promise.race([ask(w, { type: 'start', ...cfg }, 'ready'), sleep(180_000)]);
      }),
    );
    const connectSec = (Date.now() - t0) / 1000;
    // Let the leases settle and the clients' first bursts pass.
    await sleep(3000);
    const pids = [...nodes.map((n) => n.proc.pid as number), ...(redisPid ? [redisPid] : []), ...workers.map((w) => w.pid as number)];
    // Each figure over its own window: a node that lags answers /metrics late, so its counter is read at its answer.
    const ticksBefore = await ticksInNow(urls);
    const cpuBefore = pids.map(processCpuMs);
    const c0 = Date.now();
    const load = loadAvg();
    for (const w of workers) w.send({ type: 'measure' });
    const m0 = Date.now();
    await sleep(o.durationSec * 1000);
    const reports = (await Promise.all(workers.map((w) => ask(w, { type: 'report' }, 'report')))).map((m) => m.report as ClientReport);
    const wall = (Date.now() - m0) / 1000;
    const cpuAfter = pids.map(processCpuMs);
    const cpuWall = (Date.now() - c0) / 1000;
    const ticksAfter = await ticksInNow(urls);
    const ticksIn = ticksAfter.total - ticksBefore.total;
    const ticksWall = (ticksAfter.at - ticksBefore.at) / 1000;
    const cpu = cpuAfter.map((c, i) => c - (cpuBefore[i] as number));
    const nodeCpus = cpu.slice(0, nodes.length);
    const nodeCpu = nodeCpus.reduce((a, b) => a + b, 0);
    const redisCpu = redisPid ? (cpu[nodes.length] as number) : 0;
    const workerCpus = cpu.slice(nodes.length + (redisPid ? 1 : 0));
    const sec = (ms: number) => Number((ms / 1000).toFixed(2));
    const main = summarize(reports);
    const ticksPerSec = ticksIn / ticksWall;
    const figures = {
      nodes: nodes.length,
      connectSec: Number(connectSec.toFixed(1)),
      ticksInPerSec: Math.round(ticksPerSec),
      deliveriesPerSec: Math.round(main.received / wall),
      /** Frames carrying ticks, per client per second (each one write on its node). */
      framesPerClientPerSec: main.connected ? Number((main.frames / wall / main.connected).toFixed(1)) : null,
      ticksPerFrame: main.frames ? Number((main.received / main.frames).toFixed(2)) : null,
      completeness: main.completeness,
      repeats: main.repeats,
      clientsConnected: main.connected,
      latencyMs: main.latency,
      /** How long the slowest node took to answer /metrics at the end: its event loop's lag, roughly. */
      metricsAnswerMs: ticksAfter.slowestMs,
      nodeCpuPercentOfOneCore: Number(((nodeCpu / (cpuWall * 1000)) * 100).toFixed(1)),
      redisCpuPercentOfOneCore: redisPid ? Number(((redisCpu / (cpuWall * 1000)) * 100).toFixed(1)) : null,
      /** Node (and Redis) CPU per 1,000 ticks produced, deliveries included. */
      cpuMsPerThousandTicks: ticksPerSec ? Number(((((nodeCpu + redisCpu) / cpuWall) / ticksPerSec) * 1000).toFixed(1)) : null,
      /** CPU seconds (user + system) over the measured window, per process. */
      cpuSec: { window: Number(cpuWall.toFixed(1)), nodes: nodeCpus.map(sec), redis: redisPid ? sec(redisCpu) : null, clientWorkers: workerCpus.map(sec) },
      /** Node CPU per 1,000 ticks delivered to clients (the delivery cost per node, whatever the ticks in). */
      nodeCpuMsPerThousandDeliveries: main.received ? Number(((nodeCpu / main.received) * 1000 * (wall / cpuWall)).toFixed(2)) : null,
      /** Each client worker's event-loop delay p99 (ms): what of the latency is the clients' own queue. */
      clientWorkerLoopDelayP99Ms: reports.map((r) => r.loopDelayMs.p99),
      loadAvgDuring: [load, loadAvg()],
      recovery: null as null | Record<string, unknown>,
    };
    if (kill) {
      const victim = nodes.at(-1) as NodeProcess;
      const at = Date.now();
      for (const w of workers) w.send({ type: 'kill', at });
      await victim.kill();
      await sleep(o.recoverySec * 1000);
      const after = (await Promise.all(workers.map((w) => ask(w, { type: 'report' }, 'report')))).map((m) => m.report as ClientReport);
      const any = after.flatMap((r) => r.recoveredAny);
      const moved = after.flatMap((r) => r.movedRecoveredAny);
      const resubscribed = after.flatMap((r) => r.movedResubscribed);
      const all = after.flatMap((r) => r.recoveredAll);
      figures.recovery = {
        clientsMoved: after.reduce((a, r) => a + r.moved, 0),
        clientsWithoutTickAfterKill: after.reduce((a, r) => a + r.notRecovered, 0),
        msUntilEveryClientHasATick: any.length ? Math.max(...any) : null,
        movedClientsMsToResubscribed: quantiles(resubscribed),
        movedClientsMsToFirstTick: quantiles(moved),
        msUntilEverySubscribedSymbolTicksForEveryClient: all.length === o.clients ? Math.max(...all) : null,
        clientsWithEverySymbolBack: all.length,
        repeatsAcrossFailover: after.reduce((a, r) => a + r.repeats, 0),
        movedConnectedAtEnd: after.reduce((a, r) => a + r.movedConnected, 0),
        movedAckedAtEnd: after.reduce((a, r) => a + r.movedAcked, 0),
        movedConnectionAttempts: after.reduce((a, r) => a + r.movedAttempts, 0),
        errorsAfterKill: after.reduce<Record<string, number>>((acc, r) => {
          for (const [k, v] of Object.entries(r.errorsAfterKill)) acc[k] = (acc[k] ?? 0) + v;
          return acc;
        }, {}),
      };
    }
    return figures;
  } finally {
    for (const w of workers) w.kill();
  }
}

/**
 * The nodes' ticks-in counters summed, when the last answer came, and how long the slowest took to answer. A node so
 * far behind that its accept queue is full refuses even the connection (ETIMEDOUT): asked again for up to 3 minutes,
 * then the figure is NaN (the JSON shows null) rather than the run lost.
 */
async function ticksInNow(urls: string[]) {
  const t0 = Date.now();
  let slowestMs = 0;
  const values = await Promise.all(
    urls.map(async (u) => {
      for (;;) {
        try {
          const v = await patientMetric(u, 'bourse_feed_ticks_in_total');
          slowestMs = Math.max(slowestMs, Date.now() - t0);
          return v;
        } catch {
          if (Date.now() - t0 > 180_000) return NaN;
          await sleep(1000);
        }
      }
    }),
  );
  return { total: values.reduce((a, b) => a + b, 0), at: Date.now(), slowestMs };
}

/**
 * One metric from a node's /metrics, waiting as long as the node takes: a node far behind accepts the connection late,
 * past fetch's 10 s connect timeout, and its late answer is itself a figure (`metricsAnswerMs`).
 */
function patientMetric(url: string, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${url}/metrics`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const line = text.split('\n').find((l) => l.startsWith(`${name} `));
        if (line) resolve(Number(line.split(' ')[1]));
        else reject(new Error(`no ${name} in /metrics`));
      });
    }).on('error', reject);
  });
}

function summarize(reports: ClientReport[]) {
  const hist = new Array<number>(reports[0]?.latency.length ?? 1).fill(0);
  let received = 0;
  let frames = 0;
  let expected = 0;
  let repeats = 0;
  let connected = 0;
  for (const r of reports) {
    received += r.received;
    frames += r.frames;
    expected += r.expected;
    repeats += r.repeats;
    connected += r.connected;
    r.latency.forEach((n, i) => (hist[i] = (hist[i] as number) + n));
  }
  const total = hist.reduce((a, b) => a + b, 0);
  const q = (p: number) => {
    let seen = 0;
    for (let i = 0; i < hist.length; i++) {
      seen += hist[i] as number;
      if (seen >= total * p) return i;
    }
    return hist.length - 1;
  };
  return {
    received,
    frames,
    repeats,
    connected,
    completeness: expected ? Number((received / expected).toFixed(5)) : null,
    latency: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) },
  };
}

function quantiles(xs: number[]) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
  return { count: s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) as number };
}

/** `uptime`'s line (load averages): the machine is shared, so every run carries the load it ran under. */
function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadAvg().join(', ')}`;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchFeedCluster({ durationSec: Number(process.argv[2] ?? 20) });
  console.log(JSON.stringify(figures, null, 2));
  process.exit(0);
}
