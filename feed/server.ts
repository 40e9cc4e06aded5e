import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { hostname } from 'node:os';
import { Server, type Socket } from 'socket.io';
import { FEED_EVENTS, SubscribeRequest, type FeedStatus, type SubscribeAck, type Tick } from '../shared/market.js';
import { guardFeed } from './access.js';
import { ClusterNode } from './cluster/node.js';
import { RedisLink } from './cluster/redis-link.js';
import { Fanout } from './fanout.js';
import { FeedOps } from './ops.js';
import { Relay, type RelayUpstreamOptions } from './relay.js';
import { defaultRoute } from './routing.js';
import { readReplayFile, Replayer } from './replay.js';
import { DEFAULT_SEED_PRICES, type SeedPrice } from './seed-prices.js';
import { Simulator } from './simulator.js';
import { TickBook, type StampedTick, type UnsequencedTick } from './tick-book.js';
import { DEFAULT_BINANCE_WS_URL } from './upstream/binance.js';
import { DEFAULT_COINBASE_WS_URL } from './upstream/coinbase.js';
import { DEFAULT_FRANKFURTER_URL } from './upstream/frankfurter.js';
import type { UpstreamState } from './upstream/types.js';

export type FeedMode = 'relay' | 'simulate' | 'replay';

/** Pending connections the kernel may queue for the server (Node's default is 511). */
const ACCEPT_BACKLOG = 4096;

export interface FeedServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  mode: FeedMode;
  /** Symbols to produce from the start (simulate: defaults to every seed; relay: pre-subscribed upstream). */
  symbols?: string[];
  /** Prices the simulator walks from (simulate mode, and relay fallback before anything was relayed). */
  seedPrices?: Record<string, SeedPrice>;
  /** Simulated ticks per second across all symbols (simulate mode and relay fallback). Default 10 (fallback 2). */
  rate?: number;
  /** relay: simulate symbols whose upstream is unreachable, and symbols no upstream carries. Default true. */
  fallbackToSimulate?: boolean;
  /** replay: NDJSON file, speed factor, loop at the end. */
  file?: string;
  speed?: number;
  loop?: boolean;
  /** Upstream base URLs etc.; defaults come from BOURSE_BINANCE_WS_URL / BOURSE_COINBASE_WS_URL / BOURSE_FRANKFURTER_URL. */
  upstream?: RelayUpstreamOptions;
  /** Delivery window: each client gets at most one frame per window (feed/fanout.ts). Default 15 ms. */
  batchMs?: number;
  /** Clients must send it in the handshake (`auth: { token }`); with it, foreign Host/Origin headers are refused too. */
  token?: string | null;
  /** Host names clients may use besides 127.0.0.1 and localhost (e.g. the cluster's public name). */
  allowedHosts?: string[];
  /** Joins the cluster on this Redis (`redis://host:6379`): see docs/feed-cluster.md. */
  redis?: string;
  cluster?: ClusterOptions;
}

export interface ClusterOptions {
  /** Prefix of the cluster's Redis keys and channels (several clusters can share a Redis). Default `bourse:feed:`. */
  prefix?: string;
  /** This node's name in leases; default host name, pid and a random suffix. */
  node?: string;
  /** Lease lifetime: a dead node's symbols move after at most this (plus a renewal round). Default 3000 ms. */
  leaseMs?: number;
  /** How long produced ticks gather before one stamping round trip to Redis. Default 5 ms. */
  stampBatchMs?: number;
}

export interface FeedServerStats {
  /** Ticks published (stamped) by the server. */
  published: number;
  /** Tick deliveries to clients (a tick to two clients counts twice). */
  sent: number;
  /** Malformed client requests, upstream messages and replay lines. */
  malformed: number;
  clients: number;
  /** Cluster: produced ticks not stamped (lease moved, Redis away). */
  dropped: number;
}

export interface FeedServer {
  url: string;
  port: number;
  /** The socket.io server (tests use it to emit raw frames, e.g. malformed ticks). */
  io: Server;
  /** This node's name (in leases and /healthz). */
  node: string;
  /** A cluster node's Redis connections (tests pause its tick subscription); null alone. */
  link: RedisLink | null;
  /** Publishes a tick to the subscribers of its symbol, stamping the next seq; returns the stamped tick.
   *  A single server only: a cluster node stamps through Redis (use `send`). */
  publish(tick: UnsequencedTick): Tick;
  /** Publishes an operator's tick on a single server or to the whole cluster; null when Redis is away. */
  send(tick: UnsequencedTick): Promise<Tick | null>;
  /** Cluster: whether this node holds a lease (`simulate:BTC-USD`, `relay:coinbase:BTC-USD`, `replay`). */
  holdsLease(name: string): boolean;
  /** Last known tick of a symbol. */
  last(symbol: string): Tick | undefined;
  statuses(): FeedStatus[];
  stats(): FeedServerStats;
  close(): Promise<void>;
}

function upstreamFromEnv(given: RelayUpstreamOptions = {}): RelayUpstreamOptions {
  const env = process.env;
  return {
    ...given,
    binance: { ...given.binance, baseUrl: given.binance?.baseUrl ?? env.BOURSE_BINANCE_WS_URL ?? DEFAULT_BINANCE_WS_URL },
    coinbase: { ...given.coinbase, url: given.coinbase?.url ?? env.BOURSE_COINBASE_WS_URL ?? DEFAULT_COINBASE_WS_URL },
    frankfurter: {
      ...given.frankfurter,
      baseUrl: given.frankfurter?.baseUrl ?? env.BOURSE_FRANKFURTER_URL ?? DEFAULT_FRANKFURTER_URL,
    },
  };
}

/** Starts a feed server (alone, or a node of a cluster with `redis`: docs/feed-cluster.md) on `host:port`; resolves
 *  once it listens. */
export async function startFeedServer(opts: FeedServerOptions): Promise<FeedServer> {
  const host = opts.host ?? '127.0.0.1';
  const node = opts.cluster?.node ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const link = opts.redis ? new RedisLink(opts.redis, opts.cluster?.prefix ?? 'bourse:feed:') : null;
  if (link) await link.connect();
  // Answered once listening, by when `feedOps` (below) exists.
  const http = createServer((req, res) => {
    if (!feedOps.handle(req, res)) res.writeHead(404).end();
  });
  // No per-message compression (engine.io's default, stated): it would cost CPU on every frame to every client.
  const io = new Server(http, { serveClient: false, perMessageDeflate: false, ...(link ? { adapter: link.adapter() } : {}) });
  // A joining client's 101 response and engine.io's open packet, written in the same turn, go out in one system call:
  // a join costs a node a handful of writes, and a survivor taking over a dead node's clients makes a thousand joins.
  http.prependListener('upgrade', (_req, socket: Duplex) => {
    socket.cork();
    setImmediate(() => socket.uncork());
  });
  let port = 0;
  guardFeed(io, { token: opts.token ?? null, allowedHosts: opts.allowedHosts }, () => port, host);
  const book = new TickBook();
  const fanout = new Fanout(io, opts.batchMs ?? 15);
  const statuses = new Map<string, FeedStatus>();
  let published = 0;
  let malformed = 0;
  let dropped = 0;
  let cluster: ClusterNode | null = null;
  let demandTimer: NodeJS.Timeout | null = null;

  const subscriptions = () => {
    let n = 0;
    const adapter = io.of('/').adapter;
    for (const [room, members] of adapter.rooms) if (!adapter.sids.has(room)) n += members.size;
    return n;
  };
  const feedOps = new FeedOps({
    node,
    redisUp: () => (link ? link.up : null),
    pingRedis: async () => (link ? link.ping() : null),
    ticksIn: () => published,
    ticksOut: () => fanout.sent,
    clients: () => io.sockets.sockets.size,
    subscriptions,
    leasesHeld: () => cluster?.leasesHeld() ?? 0,
    statuses: () => [...statuses.values()],
  });

  const showStatus = (status: FeedStatus) => {
    statuses.set(status.source, status);
    io.local.emit(FEED_EVENTS.status, status);
  };
  const setStatus = (source: string, state: UpstreamState) => {
    if (statuses.get(source)?.state === state) return;
    const status: FeedStatus = { source, state, since: Date.now() };
    showStatus(status);
    cluster?.shareStatus(status);
  };

  /** Ticks stamped anywhere reach this node's subscribers once, in seq order (later duplicates are dropped). */
  const deliver = (ticks: StampedTick[]) => {
    for (const t of ticks) if (book.observe(t)) fanout.publish(t);
  };
  const publishLocal = (tick: UnsequencedTick): Tick => {
    const stamped = book.stamp(tick);
    published++;
    fanout.publish(stamped);
    return stamped.tick;
  };
  /** What producers (simulator, relay, replay) call: stamped here alone, through Redis in a cluster. */
  const produce = (tick: UnsequencedTick): void => {
    if (cluster) cluster.produce(tick);
    else publishLocal(tick);
  };

  const seeds = opts.seedPrices ?? DEFAULT_SEED_PRICES;
  const makeSimulator = (rate: number) => {
    const sim = new Simulator({ rate, onTick: produce });
    for (const [symbol, seed] of Object.entries(seeds)) sim.setPrice(symbol, seed);
    return sim;
  };

  let simulator: Simulator | null = null;
  let relay: Relay | null = null;
  let replayer: Replayer | null = null;
  /** Symbols a client subscribed to that the current mode should start producing. */
  let onWanted: (symbols: string[]) => void = () => undefined;
  const replayFile = opts.mode === 'replay' ? readReplay(opts.file) : null;
  if (replayFile) malformed += replayFile.malformed;
  const startReplay = () => {
    if (!replayFile) return;
    replayer?.stop();
    replayer = new Replayer(replayFile, { speed: opts.speed, loop: opts.loop, onTick: produce, onEnd: () => setStatus('replay', 'stale') });
    setStatus('replay', 'live');
    replayer.start();
  };

  const route = opts.upstream?.route ?? defaultRoute;
  const fallbackOn = opts.fallbackToSimulate !== false;
  if (opts.mode === 'simulate') {
    simulator = makeSimulator(opts.rate ?? 10);
  } else if (opts.mode === 'relay') {
    const sim = fallbackOn ? makeSimulator(opts.rate ?? 2) : null;
    simulator = sim;
    relay = new Relay(
      {
        tick: produce,
        status: setStatus,
        malformed: () => void malformed++,
        simulationChanged: () => {
          if (!sim) return;
          if (sim.activeSymbols().length) {
            sim.start();
            setStatus('simulate', 'live');
          } else {
            sim.stop();
            setStatus('simulate', 'down');
          }
        },
      },
      upstreamFromEnv(opts.upstream),
      sim,
    );
  }

  if (link) {
    const sim = simulator;
    const r = relay;
    const leaseOf = (symbol: string): string | null => {
      if (opts.mode === 'replay') return 'replay';
      if (opts.mode === 'simulate') return sim?.hasPrice(symbol) ? `simulate:${symbol}` : null;
      const upstream = route(symbol);
      if (!upstream && !fallbackOn) return null;
      return `relay:${upstream ?? 'none'}:${symbol}`;
    };
    /**
     * In simulate mode `rate` is the cluster's: every node walks the cluster's roster (the wanted symbols it can
     * simulate, in symbol order) on the wall clock at that rate and produces the symbols it holds (feed/simulator.ts),
     * so together the nodes tick like one simulator.
     */
    const runSimulator = () => {
      if (opts.mode !== 'simulate' || !sim) return;
      if (sim.activeSymbols().length) sim.start();
      else sim.stop();
    };
    const member = new ClusterNode({
      link,
      io,
      node,
      leaseMs: opts.cluster?.leaseMs ?? 3000,
      stampBatchMs: opts.cluster?.stampBatchMs ?? 5,
      leaseOf,
      fixedLeases: opts.mode === 'replay' ? ['replay'] : [],
      gained: (names, symbols) => {
        if (names.includes('replay')) return startReplay();
        // Walk on from the cluster's last price, not from the seed, so a takeover does not make the price jump.
        void member.lastTicks(symbols).then((last) => {
          for (const t of last) sim?.setPrice(t.symbol, { price: t.price, currency: t.currency });
          // Leases lost while the prices were read are someone else's again.
          const held = symbols.filter((s) => member.holds(leaseOf(s) ?? ''));
          if (r) r.want(held);
          else sim?.add(held);
          runSimulator();
          if (!r) void readRoster().catch(() => undefined);
        });
      },
      lost: (names, symbols) => {
        if (names.includes('replay')) {
          replayer?.stop();
          replayer = null;
          return;
        }
        if (r) r.drop(symbols);
        else sim?.remove(symbols);
        runSimulator();
      },
      deliver,
      status: showStatus,
      stamped: (n) => void (published += n),
      dropped: (n) => void (dropped += n),
    });
    cluster = member;
    const readRoster = () => link.cmd.smembers(`${link.prefix}wanted`).then((wanted) => {
      if (opts.mode !== 'simulate' || !sim) return;
      const roster = wanted.filter((s) => leaseOf(s) !== null).sort();
      sim.setRoster(roster);
      runSimulator();
    });
    if (opts.mode === 'simulate') demandTimer = setInterval(() => void readRoster().catch(() => undefined), 2000);
    onWanted = (symbols) => void member.want(symbols);
    const initial = opts.symbols ?? (opts.mode === 'simulate' ? Object.keys(seeds) : []);
    for (const st of await member.start(initial)) if (!statuses.has(st.source)) statuses.set(st.source, st);
    await readRoster().catch(() => undefined);
    if (opts.mode === 'simulate') setStatus('simulate', 'live');
  } else if (opts.mode === 'simulate') {
    const sim = simulator as Simulator;
    sim.add(opts.symbols ?? Object.keys(seeds));
    onWanted = (symbols) => void sim.add(symbols);
    sim.start();
    setStatus('simulate', 'live');
  } else if (opts.mode === 'replay') {
    startReplay();
  } else {
    const r = relay as Relay;
    onWanted = (symbols) => r.want(symbols);
    if (opts.symbols?.length) r.want(opts.symbols);
  }

  io.on('connection', (socket: Socket) => {
    for (const status of statuses.values()) socket.emit(FEED_EVENTS.status, status);

    socket.on(FEED_EVENTS.subscribe, (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (a: SubscribeAck) => void) : () => undefined;
      const parsed = SubscribeRequest.safeParse(payload);
      if (!parsed.success) {
        malformed++;
        return reply({ ok: false, error: { code: 'bad_request', message: parsed.error.issues[0]?.message ?? 'invalid' } });
      }
      const symbols = [...new Set(parsed.data.symbols)];
      onWanted(symbols);
      if (!cluster) return fanout.answer(socket, symbols, book.snapshot(symbols), reply);
      // The cluster's last ticks may be ahead of what reached this node (ticks still on their way here, or a client
      // failing over from a node that was quicker): the snapshot takes the newer of the two, so it is never older than
      // what another node already sent. Those newer ticks are not taken into this node's book: the ticks before them
      // still reach the symbol's present followers, in order, when they arrive, and the newcomer skips up to its
      // snapshot (Fanout's floors).
      void cluster.lastTicks(symbols).then((last) => {
        if (!socket.connected) return;
        const ahead = last.filter((t) => t.seq > (book.seq(t.symbol) ?? -Infinity));
        const newer = new Map(ahead.map((t) => [t.symbol, t]));
        const snapshot = symbols.flatMap((s) => newer.get(s) ?? book.get(s) ?? []);
        fanout.answer(socket, symbols, snapshot, reply, ahead);
      });
    });

    socket.on(FEED_EVENTS.unsubscribe, (payload: unknown) => {
      const parsed = SubscribeRequest.safeParse(payload);
      if (!parsed.success) return void malformed++;
      fanout.leave(socket, parsed.data.symbols);
    });

    socket.on('disconnect', () => fanout.forget(socket.id));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    // A node that takes over a dead node's clients gets a thousand connections within seconds, while its event loop
    // is busy writing frames: a short accept queue would drop their SYNs, and a dropped SYN is retried only after
    // 1, 3, 7 s... (the kernel caps this at net.core.somaxconn).
    http.listen({ port: opts.port, host, backlog: ACCEPT_BACKLOG }, () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    io,
    node,
    link,
    publish(tick) {
      if (cluster) throw new Error('a cluster node stamps ticks through Redis: use send()');
      return publishLocal(tick);
    },
    send: async (tick) => (cluster ? cluster.send(tick) : publishLocal(tick)),
    holdsLease: (name) => cluster?.holds(name) ?? false,
    last: (symbol) => book.get(symbol),
    statuses: () => [...statuses.values()],
    stats: () => ({ published, sent: fanout.sent, malformed, clients: io.sockets.sockets.size, dropped }),
    async close() {
      if (demandTimer) clearInterval(demandTimer);
      await cluster?.close();
      simulator?.stop();
      replayer?.stop();
      fanout.close();
      await relay?.close();
      // io.close() disconnects every client and closes the HTTP server (and with it the port).
      await new Promise<void>((resolve, reject) => {
        io.close(() => resolve()).catch(reject);
      });
      await link?.quit();
    },
  };
}

function readReplay(file: string | undefined) {
  if (!file) throw new Error('replay mode needs a file');
  return readReplayFile(file);
}
