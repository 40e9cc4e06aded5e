import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { backoffDelay, failoverDelay } from '../main/worker/backoff.js';
import type { Tick } from '../shared/market.js';

/**
 * One client worker process of the feed cluster benchmark (bench/feed-cluster.ts forks several): `count` bare
 * socket.io clients, each subscribed to `perClient` symbols and failing over to the next URL on a lost connection with
 * the app's feed client's timing (main/worker/backoff.ts `failoverDelay`: a random wait up to `failoverSpreadMs` after
 * a lost connection, the next address at once after a refused one, backoff after a whole round; a subscription left
 * unanswered for 5 s asked again).
 * Counting is per client and symbol from the seqs themselves: the cluster's seqs are consecutive per symbol, so the
 * ticks a client should have had between the first and last it saw are last − first + 1, whatever node sent them.
 *
 * Parent → child: {type:'start', ...Config}, {type:'measure'} (reset counters), {type:'kill', at} (a node dies now),
 * {type:'report'}. Child → parent: {type:'ready'}, {type:'report', report}.
 */
export interface ClientConfig {
  urls: string[];
  token: string | null;
  /** Index of this worker's first client among all clients (spreads clients and symbols evenly). */
  offset: number;
  count: number;
  perClient: number;
  symbols: string[];
  /** The app client's `failoverSpreadMs` (0: every client moves at once). */
  failoverSpreadMs: number;
}

export interface ClientReport {
  clients: number;
  connected: number;
  received: number;
  /** WebSocket frames with ticks (`tick` and `ticks` events) since `measure`: one write on the node each. */
  frames: number;
  expected: number;
  repeats: number;
  /** Latency histogram: count per whole millisecond, last bucket is "this or more". */
  latency: number[];
  /** This worker's own event-loop delay since `measure` (ms): a tick's latency includes it, since the arrival time is
   *  taken when the worker gets to the frame. */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** Per client that had a tick since the kill: ms from the kill to its first tick (any symbol) and to every
   *  subscribed symbol having ticked again; `moved` for the clients that were on the node that died. */
  recoveredAny: number[];
  recoveredAll: number[];
  movedRecoveredAny: number[];
  /** Moved clients: ms from the kill to their subscription acknowledged on another node. */
  movedResubscribed: number[];
  moved: number;
  notRecovered: number;
  /** Moved clients at report time: connected to a node, and with their subscription acknowledged there. */
  movedConnected: number;
  movedAcked: number;
  /** Connection attempts of moved clients since the kill, and why the failed ones failed (message → count). */
  movedAttempts: number;
  errorsAfterKill: Record<string, number>;
}

const BUCKETS = 10_000;
/** The app client's default `ackTimeoutMs`. */
const ACK_TIMEOUT_MS = 5000;
/** Refused or timed-out connection attempts by message (shown with the connect progress). */
const connectErrors = new Map<string, number>();
/** The same, counted from the kill on. */
const errorsAfterKill = new Map<string, number>();

interface Sym {
  first: number;
  last: number;
  got: number;
}

class BenchClient {
  socket: Socket | null = null;
  index: number;
  syms = new Map<string, Sym>();
  repeats = 0;
  firstAfterKill = 0;
  /** Failed over to another node after the kill (it was on the node that died). */
  moved = false;
  /** When its subscription on the new node was acknowledged (0: not yet). */
  resubscribedAt = 0;
  sinceKill = new Set<string>();
  allAfterKill = 0;
  /** Connection attempts since the last good one. */
  failures = 0;
  /** Connection attempts since the kill. */
  attemptsAfterKill = 0;
  frames = 0;

  constructor(
    private readonly cfg: ClientConfig,
    readonly symbols: string[],
    start: number,
    private readonly onTick: (latencyMs: number) => void,
    private readonly killedAt: () => number,
  ) {
    this.index = start;
  }

  private resolveReady: () => void = () => undefined;
  /** Settles on the first acknowledged subscription, whichever attempt it came from. */
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));

  connect(): Promise<void> {
    const url = this.cfg.urls[this.index % this.cfg.urls.length] as string;
    const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...(this.cfg.token ? { auth: { token: this.cfg.token } } : {}) });
    this.socket = s;
    if (this.killedAt()) this.attemptsAfterKill++;
    const take = (t: Tick) => {
      const now = Date.now();
      this.onTick(now - t.ts);
      const st = this.syms.get(t.symbol);
      if (!st) this.syms.set(t.symbol, { first: t.seq, last: t.seq, got: 1 });
      else if (t.seq <= st.last) this.repeats++;
      else {
        st.last = t.seq;
        st.got++;
      }
      const k = this.killedAt();
      if (k && now >= k) {
        if (!this.firstAfterKill) this.firstAfterKill = now;
        this.sinceKill.add(t.symbol);
        if (!this.allAfterKill && this.sinceKill.size === this.symbols.length) this.allAfterKill = now;
      }
    };
    s.on('tick', (t: Tick) => {
      this.frames++;
      take(t);
    });
    s.on('ticks', (ts: Tick[]) => {
      this.frames++;
      ts.forEach(take);
    });
    const failover = (lost: boolean) => {
      if (s !== this.socket) return;
      if (this.killedAt()) {
        // Its recovery counts from the first tick on its new node.
        this.moved = true;
        this.firstAfterKill = 0;
        this.allAfterKill = 0;
        this.sinceKill.clear();
      }
      s.removeAllListeners();
      s.disconnect();
      this.index++;
      this.failures++;
      const delay = failoverDelay(this.failures, this.cfg.urls.length, lost, { spreadMs: this.cfg.failoverSpreadMs, initialMs: 500, maxMs: 10_000 });
      setTimeout(() => void this.connect(), delay);
    };
    // As the app's client: asked again, with backoff, while the answer times out on the same connection.
    const subscribe = (attempt: number) =>
      s.timeout(ACK_TIMEOUT_MS).emit('subscribe', { symbols: this.symbols }, (err: Error | null) => {
        if (err) {
          if (s === this.socket && s.connected) setTimeout(() => subscribe(attempt + 1), backoffDelay(attempt, 500, 10_000));
          return;
        }
        if (this.moved && !this.resubscribedAt) this.resubscribedAt = Date.now();
        this.resolveReady();
      });
    s.once('connect', () => {
      this.failures = 0;
      subscribe(0);
    });
    s.on('disconnect', (reason) => {
      if (this.killedAt()) errorsAfterKill.set(`disconnect: ${reason}`, (errorsAfterKill.get(`disconnect: ${reason}`) ?? 0) + 1);
      failover(true);
    });
    s.on('connect_error', (err) => {
      connectErrors.set(err.message, (connectErrors.get(err.message) ?? 0) + 1);
      if (this.killedAt()) errorsAfterKill.set(err.message, (errorsAfterKill.get(err.message) ?? 0) + 1);
      failover(false);
    });
    return this.ready;
  }

  /** Counting restarts: the window's first tick of each symbol is its baseline. */
  reset(): void {
    this.syms.clear();
    this.repeats = 0;
    this.frames = 0;
  }
}

const ms = (ns: number) => Math.round(ns / 1e6);

if (process.send) {
  const clients: BenchClient[] = [];
  const latency = new Array<number>(BUCKETS + 1).fill(0);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let measuring = false;
  let killedAt = 0;
  const onTick = (ms: number) => {
    if (measuring) latency[Math.max(0, Math.min(BUCKETS, Math.round(ms)))]! += 1;
  };
  const onMessage = async (msg: { type: string; at?: number } & Partial<ClientConfig>): Promise<void> => {
    if (msg.type === 'start') {
      const cfg = msg as unknown as ClientConfig;
      for (let i = 0; i < cfg.count; i++) {
        const n = cfg.offset + i;
        const symbols = Array.from({ length: cfg.perClient }, (_, j) => cfg.symbols[(n * cfg.perClient + j) % cfg.symbols.length] as string);
        clients.push(new BenchClient(cfg, symbols, n, onTick, () => killedAt));
      }
      // Connect in small groups: a thousand handshakes at once only measure the accept queue.
      for (let i = 0; i < clients.length; i += 50) {
        await Promise.all(clients.slice(i, i + 50).map((c) => c.connect()));
        process.send?.({ type: 'progress', ready: Math.min(clients.length, i + 50), errors: Object.fromEntries(connectErrors) });
      }
      process.send?.({ type: 'ready' });
    } else if (msg.type === 'measure') {
      latency.fill(0);
      loop.reset();
      for (const c of clients) c.reset();
      measuring = true;
    } else if (msg.type === 'kill') {
      killedAt = msg.at ?? Date.now();
    } else if (msg.type === 'report') {
      let received = 0;
      let expected = 0;
      let repeats = 0;
      let frames = 0;
      for (const c of clients) {
        repeats += c.repeats;
        frames += c.frames;
        for (const s of c.syms.values()) {
          received += s.got;
          expected += s.last - s.first + 1;
        }
      }
      const recovered = clients.filter((c) => c.firstAfterKill);
      const report: ClientReport = {
        clients: clients.length,
        connected: clients.filter((c) => c.socket?.connected).length,
        received,
        frames,
        expected,
        repeats,
        latency,
        loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
        recoveredAny: recovered.map((c) => c.firstAfterKill - killedAt),
        recoveredAll: clients.filter((c) => c.allAfterKill).map((c) => c.allAfterKill - killedAt),
        movedRecoveredAny: recovered.filter((c) => c.moved).map((c) => c.firstAfterKill - killedAt),
        movedResubscribed: clients.filter((c) => c.resubscribedAt).map((c) => c.resubscribedAt - killedAt),
        moved: clients.filter((c) => c.moved).length,
        notRecovered: killedAt ? clients.length - recovered.length : 0,
        movedConnected: clients.filter((c) => c.moved && c.socket?.connected).length,
        movedAcked: clients.filter((c) => c.moved && c.resubscribedAt).length,
        movedAttempts: clients.reduce((a, c) => a + (c.moved ? c.attemptsAfterKill : 0), 0),
        errorsAfterKill: Object.fromEntries(errorsAfterKill),
      };
      process.send?.({ type: 'report', report });
    }
  };
  process.on('message', (msg: { type: string; at?: number } & Partial<ClientConfig>) => {
    onMessage(msg).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  });
  process.on('disconnect', () => process.exit(0));
}
