import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { FEED_EVENTS, SubscribeRequest, type FeedStatus, type SubscribeAck, type Tick } from '../shared/market.js';
import { Fanout } from './fanout.js';
import { Relay, type RelayUpstreamOptions } from './relay.js';
import { readReplayFile, Replayer } from './replay.js';
import { DEFAULT_SEED_PRICES, type SeedPrice } from './seed-prices.js';
import { Simulator } from './simulator.js';
import { TickBook, type UnsequencedTick } from './tick-book.js';
import { DEFAULT_BINANCE_WS_URL } from './upstream/binance.js';
import { DEFAULT_COINBASE_WS_URL } from './upstream/coinbase.js';
import { DEFAULT_FRANKFURTER_URL } from './upstream/frankfurter.js';
import type { UpstreamState } from './upstream/types.js';

export type FeedMode = 'relay' | 'simulate' | 'replay';

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
  /** Per-client batching window when busy. Default 15 ms. */
  batchMs?: number;
}

export interface FeedServerStats {
  /** Ticks published (stamped) by the server. */
  published: number;
  /** Tick deliveries to clients (a tick to two clients counts twice). */
  sent: number;
  /** Malformed client requests, upstream messages and replay lines. */
  malformed: number;
  clients: number;
}

export interface FeedServer {
  url: string;
  port: number;
  /** The socket.io server (tests use it to emit raw frames, e.g. malformed ticks). */
  io: Server;
  /** Publishes a tick to the subscribers of its symbol, stamping the next seq; returns the stamped tick. */
  publish(tick: UnsequencedTick): Tick;
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

/** Starts the feed server (docs/design.md#feed-protocol) on `host:port` and resolves once it listens. */
export async function startFeedServer(opts: FeedServerOptions): Promise<FeedServer> {
  const host = opts.host ?? '127.0.0.1';
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  const book = new TickBook();
  const fanout = new Fanout(io, opts.batchMs ?? 15);
  const statuses = new Map<string, FeedStatus>();
  let published = 0;
  let malformed = 0;

  const setStatus = (source: string, state: UpstreamState) => {
    if (statuses.get(source)?.state === state) return;
    const status: FeedStatus = { source, state, since: Date.now() };
    statuses.set(source, status);
    io.emit(FEED_EVENTS.status, status);
  };

  const publish = (tick: UnsequencedTick): Tick => {
    const stamped = book.stamp(tick);
    published++;
    fanout.publish(stamped);
    return stamped;
  };

  const seeds = opts.seedPrices ?? DEFAULT_SEED_PRICES;
  const makeSimulator = (rate: number) => {
    const sim = new Simulator({ rate, onTick: publish });
    for (const [symbol, seed] of Object.entries(seeds)) sim.setPrice(symbol, seed);
    return sim;
  };

  let simulator: Simulator | null = null;
  let relay: Relay | null = null;
  let replayer: Replayer | null = null;
  /** Symbols a client subscribed to that the current mode should start producing. */
  let onWanted: (symbols: string[]) => void = () => undefined;

  if (opts.mode === 'simulate') {
    const sim = makeSimulator(opts.rate ?? 10);
    simulator = sim;
    sim.add(opts.symbols ?? Object.keys(seeds));
    onWanted = (symbols) => void sim.add(symbols);
    sim.start();
    setStatus('simulate', 'live');
  } else if (opts.mode === 'replay') {
    if (!opts.file) throw new Error('replay mode needs a file');
    const file = readReplayFile(opts.file);
    malformed += file.malformed;
    replayer = new Replayer(file, {
      speed: opts.speed,
      loop: opts.loop,
      onTick: publish,
      onEnd: () => setStatus('replay', 'stale'),
    });
    setStatus('replay', 'live');
    replayer.start();
  } else {
    const fallback = opts.fallbackToSimulate === false ? null : makeSimulator(opts.rate ?? 2);
    simulator = fallback;
    const sim = fallback;
    const r = new Relay(
      {
        tick: publish,
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
      fallback,
    );
    relay = r;
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
      void socket.join(symbols);
      onWanted(symbols);
      reply({ ok: true, snapshot: book.snapshot(symbols) });
    });

    socket.on(FEED_EVENTS.unsubscribe, (payload: unknown) => {
      const parsed = SubscribeRequest.safeParse(payload);
      if (!parsed.success) return void malformed++;
      for (const s of parsed.data.symbols) void socket.leave(s);
    });

    socket.on('disconnect', () => fanout.forget(socket.id));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    io,
    publish,
    last: (symbol) => book.get(symbol),
    statuses: () => [...statuses.values()],
    stats: () => ({ published, sent: fanout.sent, malformed, clients: io.sockets.sockets.size }),
    async close() {
      simulator?.stop();
      replayer?.stop();
      fanout.close();
      await relay?.close();
      // io.close() disconnects every client and closes the HTTP server (and with it the port).
      await new Promise<void>((resolve, reject) => {
        io.close(() => resolve()).catch(reject);
      });
    },
  };
}
