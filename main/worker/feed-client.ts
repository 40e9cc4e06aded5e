import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { parseFeedUrls, type FeedEndpoint } from '../../feed/feed-url.js';
import { findCurrency } from '../../shared/currencies.js';
import {
  assetClassOf,
  FEED_EVENTS,
  FeedStatus,
  STALE_AFTER_MS,
  Tick,
  type AssetClass,
  type SubscribeAck,
} from '../../shared/market.js';
import { backoffDelay, failoverDelay } from './backoff.js';
import { Coalescer } from './coalescer.js';
import type { LastPrice, LastPriceStore } from './last-price-store.js';
import { Listeners } from './listeners.js';
import { StaleTracker } from './stale-tracker.js';

export interface FeedClientOptions {
  /** A feed address, or a comma-separated list of a cluster's nodes to fail over between; each may carry its token as
   *  `#token=…` (feed/feed-url.ts). */
  url: string;
  /** The token for addresses that carry none (the embedded feed's per-launch token). */
  token?: string | null;
  /** Symbols to follow from the start. */
  symbols?: string[];
  /** Override stale windows per asset class (tests use short ones). */
  staleAfterMs?: Partial<Record<AssetClass, number>>;
  assetClassOf?: (symbol: string) => AssetClass;
  /** Minimum time between two updates of one symbol to the consumer. Default 100 ms (≈10/s). */
  minUpdateIntervalMs?: number;
  store?: LastPriceStore;
  /** How often dirty last prices are written to the store. Default 1000 ms. */
  persistEveryMs?: number;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** With several addresses: a client that lost its node moves to the next after a random delay up to this, so a dead
   *  node's clients do not all reach one survivor at once. Default 2000 ms. */
  failoverSpreadMs?: number;
  /** Mark every symbol stale as soon as the connection drops (the price can't be refreshed). Default true. */
  staleOnDisconnect?: boolean;
  ackTimeoutMs?: number;
  now?: () => number;
}

export interface PriceView extends LastPrice {
  stale: boolean;
}

export interface FeedClientStats {
  /** Tick frames received (each element of a `ticks` batch and of a snapshot counts). */
  received: number;
  accepted: number;
  /** Dropped because their seq was not newer than the last kept (duplicates and out-of-order). */
  outOfOrder: number;
  malformed: number;
  /** Updates handed to the consumer after coalescing. */
  delivered: number;
  connects: number;
}

export type ConnectionState = 'connected' | 'disconnected';

export interface FeedClientEvents {
  [event: string]: (...args: never[]) => void;
  update: (price: LastPrice) => void;
  stale: (symbol: string) => void;
  live: (symbol: string) => void;
  status: (status: FeedStatus) => void;
  connection: (state: ConnectionState, reason?: string) => void;
  /** After every acknowledged (re)subscription, with the snapshot as received. */
  subscribed: (symbols: string[], snapshot: Tick[]) => void;
  error: (err: Error) => void;
}

const Ack = z.union([
  z.object({ ok: z.literal(true), snapshot: z.array(z.unknown()) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** The subscribe schema accepts at most 1000 symbols per request. */
const SUBSCRIBE_CHUNK = 1000;

interface SymbolState {
  /** Last seq kept (across connections: another node of a cluster continues the same numbering). */
  seq: number | null;
  /** Whether `seq` was set in the current connection. Until it is, a lower seq with a newer `ts` is a server that
   *  numbers afresh (a restarted or different feed) and is accepted; a lower seq without a newer ts is a repeat. */
  confirmed: boolean;
  last: LastPrice | null;
}

/**
 * The app's side of the feed protocol (docs/design.md#feed-protocol), for the background worker: plain Node, no
 * Electron, no database (last prices go through the pluggable `LastPriceStore`).
 *
 * - Resubscribes everything after every (re)connect; socket.io reconnects by itself after transport loss, but not after
 *   the server disconnects us (`io server disconnect`), so then we reconnect ourselves with backoff.
 * - Given several addresses (a cluster's nodes), a lost or refused connection moves on to the next address at once,
 *   and backs off only after a whole round of them failed; symbols stay stale until ticks come again.
 * - Sends the feed token in the handshake (`auth: { token }`); a refused token is reported as an `error`.
 * - Drops ticks whose seq is not newer than the last one kept in this connection, and ticks that fail validation
 *   (counted in `stats()`).
 * - A symbol is stale when nothing arrived for it within its asset class's window, even while the socket stays up.
 * - Bursts are coalesced so the consumer sees at most ~10 updates per second per symbol, latest price winning.
 */
export class FeedClient {
  private socket: Socket;
  private readonly endpoints: FeedEndpoint[];
  private endpoint = 0;
  /** Connection attempts since the last successful connect (failover across several addresses). */
  private failures = 0;
  private failoverTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Listeners<FeedClientEvents>();
  private readonly wanted = new Set<string>();
  private readonly states = new Map<string, SymbolState>();
  private readonly stale = new StaleTracker();
  private readonly coalescer: Coalescer;
  private readonly dirty = new Map<string, LastPrice>();
  private readonly statuses = new Map<string, FeedStatus>();
  private readonly counters: FeedClientStats = { received: 0, accepted: 0, outOfOrder: 0, malformed: 0, delivered: 0, connects: 0 };
  private readonly windows: Record<AssetClass, number>;
  private readonly classify: (symbol: string) => AssetClass;
  private readonly now: () => number;
  private sweepTimer: NodeJS.Timeout | null = null;
  private persistTimer: NodeJS.Timeout | null = null;
  private kickTimer: NodeJS.Timeout | null = null;
  private readonly resubscribeTimers = new Set<NodeJS.Timeout>();
  private kicks = 0;
  private connectedAt = 0;
  private closed = false;
  private started = false;

  constructor(private readonly opts: FeedClientOptions) {
    this.now = opts.now ?? Date.now;
    this.windows = { ...STALE_AFTER_MS, ...opts.staleAfterMs };
    this.classify = opts.assetClassOf ?? ((s) => assetClassOf(s, (code) => findCurrency(code) !== undefined));
    this.coalescer = new Coalescer(opts.minUpdateIntervalMs ?? 100, (tick, receivedAt) => this.deliver(tick, receivedAt), this.now);
    const parsed = parseFeedUrls(opts.url);
    this.endpoints = (parsed.length ? parsed : [{ url: opts.url, token: null }]).map((e) => ({ url: e.url, token: e.token ?? opts.token ?? null }));
    this.socket = this.open(this.endpoints[0] as FeedEndpoint);
    for (const s of opts.symbols ?? []) this.want(s);
  }

  /** The address now in use (without its token). */
  get url(): string {
    return (this.endpoints[this.endpoint] as FeedEndpoint).url;
  }

  private get failsOver(): boolean {
    return this.endpoints.length > 1;
  }

  private open(endpoint: FeedEndpoint): Socket {
    const socket = io(endpoint.url, {
      autoConnect: false,
      // The worker is Node: go straight to WebSocket (no long-polling handshake and upgrade).
      transports: ['websocket'],
      // With several addresses a lost connection moves to the next one (failover) instead of retrying this one.
      reconnection: !this.failsOver,
      reconnectionDelay: this.opts.reconnectDelayMs ?? 500,
      reconnectionDelayMax: this.opts.reconnectDelayMaxMs ?? 10_000,
      randomizationFactor: 0.5,
      // A fresh Manager per address: socket.io would otherwise share one per URL across clients in a process.
      forceNew: true,
      ...(endpoint.token ? { auth: { token: endpoint.token } } : {}),
    });
    this.wire(socket);
    return socket;
  }

  on<K extends keyof FeedClientEvents>(event: K, fn: FeedClientEvents[K]): () => void {
    return this.listeners.on(event, fn);
  }

  /** Loads the stored last prices (shown stale until fresh data arrives) and connects. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.opts.store) {
      for (const p of await this.opts.store.load()) {
        const st = this.states.get(p.symbol);
        if (st && !st.last) st.last = p;
        else if (!st) this.states.set(p.symbol, { seq: null, confirmed: false, last: p });
      }
    }
    const minWindow = Math.min(...Object.values(this.windows));
    this.sweepTimer = setInterval(() => this.sweep(), Math.min(1000, Math.max(10, Math.floor(minWindow / 4))));
    this.persistTimer = setInterval(() => void this.flush(), this.opts.persistEveryMs ?? 1000);
    this.socket.connect();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /**
   * Follows more symbols; resolves with the server's ack (snapshots of several 1000-symbol requests merged).
   * Before the connection is up this waits for it (the connect handler subscribes everything wanted too; the
   * duplicate request is harmless: rooms are joined once and the repeated snapshot fails the seq check).
   */
  async subscribe(symbols: string[]): Promise<SubscribeAck> {
    for (const s of symbols) this.want(s);
    if (!this.socket.connected) {
      await new Promise<void>((resolve) => {
        const off = this.on('connection', (state) => {
          if (state !== 'connected') return;
          off();
          resolve();
        });
      });
    }
    const snapshot: Tick[] = [];
    for (let i = 0; i < symbols.length; i += SUBSCRIBE_CHUNK) {
      const ack = await this.sendSubscribe(symbols.slice(i, i + SUBSCRIBE_CHUNK));
      if (!ack.ok) return ack;
      snapshot.push(...ack.snapshot);
    }
    return { ok: true, snapshot };
  }

  unsubscribe(symbols: string[]): void {
    for (const s of symbols) {
      this.wanted.delete(s);
      this.stale.untrack(s);
      this.coalescer.cancel(s);
    }
    if (this.socket.connected) this.socket.emit(FEED_EVENTS.unsubscribe, { symbols });
  }

  /** Every known price (stored or live) with its staleness. */
  prices(): PriceView[] {
    const out: PriceView[] = [];
    for (const [symbol, st] of this.states) if (st.last) out.push({ ...st.last, stale: this.stale.isStale(symbol) });
    return out;
  }

  price(symbol: string): PriceView | undefined {
    const last = this.states.get(symbol)?.last;
    return last ? { ...last, stale: this.stale.isStale(symbol) } : undefined;
  }

  isStale(symbol: string): boolean {
    return this.stale.isStale(symbol);
  }

  feedStatuses(): FeedStatus[] {
    return [...this.statuses.values()];
  }

  stats(): FeedClientStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of [this.sweepTimer, this.persistTimer, this.kickTimer, this.failoverTimer, ...this.resubscribeTimers]) if (t) clearTimeout(t);
    this.coalescer.close();
    this.socket.disconnect();
    await this.flush();
  }

  private want(symbol: string): void {
    this.wanted.add(symbol);
    if (!this.states.has(symbol)) this.states.set(symbol, { seq: null, confirmed: false, last: null });
    this.stale.track(symbol, this.windows[this.classify(symbol)]);
  }

  private wire(s: Socket): void {
    const current = () => s === this.socket && !this.closed;
    s.on('connect', () => {
      if (!current()) return;
      this.counters.connects++;
      this.failures = 0;
      this.connectedAt = this.now();
      for (const st of this.states.values()) st.confirmed = false;
      this.listeners.emit('connection', 'connected');
      const all = [...this.wanted];
      for (let i = 0; i < all.length; i += SUBSCRIBE_CHUNK) void this.resubscribe(s, all.slice(i, i + SUBSCRIBE_CHUNK), 0);
    });
    s.on('disconnect', (reason) => {
      if (s !== this.socket) return;
      this.listeners.emit('connection', 'disconnected', reason);
      if (this.opts.staleOnDisconnect !== false) for (const sym of this.stale.markAll()) this.listeners.emit('stale', sym);
      if (this.closed) return;
      if (this.failsOver) this.failover(true);
      else if (reason === 'io server disconnect') this.reconnectAfterKick();
    });
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (!current()) return;
      if (err.data?.code === 'unauthorized' || err.message === 'unauthorized') {
        this.listeners.emit('error', new Error(`the feed at ${this.url} refused the token`));
      }
      if (this.failsOver) this.failover(false);
    });
    s.on(FEED_EVENTS.tick, (raw: unknown) => {
      if (s === this.socket) this.receive(raw, false);
    });
    s.on(FEED_EVENTS.ticks, (raw: unknown) => {
      if (s !== this.socket) return;
      if (!Array.isArray(raw)) {
        this.counters.received++;
        this.counters.malformed++;
        return;
      }
      for (const t of raw) this.receive(t, false);
    });
    s.on(FEED_EVENTS.status, (raw: unknown) => {
      if (s !== this.socket) return;
      const parsed = FeedStatus.safeParse(raw);
      if (!parsed.success) return void this.counters.malformed++;
      this.statuses.set(parsed.data.source, parsed.data);
      this.listeners.emit('status', parsed.data);
    });
  }

  /**
   * Moves to the next address: after a short random wait when the connection was `lost` (see `failoverDelay`), at once
   * past a refused address while there are untried ones, with backoff once a whole round failed (every node down, or
   * Redis restarting behind them).
   */
  private failover(lost: boolean): void {
    if (this.failoverTimer) return;
    const old = this.socket;
    this.failures++;
    const delay = failoverDelay(this.failures, this.endpoints.length, lost, {
      spreadMs: this.opts.failoverSpreadMs ?? 2000,
      initialMs: this.opts.reconnectDelayMs ?? 500,
      maxMs: this.opts.reconnectDelayMaxMs ?? 10_000,
    });
    this.endpoint = (this.endpoint + 1) % this.endpoints.length;
    this.socket = this.open(this.endpoints[this.endpoint] as FeedEndpoint);
    old.removeAllListeners();
    old.disconnect();
    this.failoverTimer = setTimeout(() => {
      this.failoverTimer = null;
      if (!this.closed) this.socket.connect();
    }, delay);
  }

  /** socket.io leaves reconnecting to us after a server-side disconnect; back off if the server keeps kicking us. */
  private reconnectAfterKick(): void {
    if (this.now() - this.connectedAt > 10_000) this.kicks = 0;
    const delay = backoffDelay(this.kicks++, this.opts.reconnectDelayMs ?? 500, this.opts.reconnectDelayMaxMs ?? 10_000);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  /**
   * The subscription after a (re)connect, asked again (with backoff) while its answer times out on the same
   * connection: a node that took over a dead node's clients may answer late, and a client left connected without
   * its subscription would get nothing until the connection drops. A late answer to an earlier request is harmless
   * (the rooms are joined once; its snapshot fails the seq check).
   */
  private async resubscribe(s: Socket, symbols: string[], attempt: number): Promise<void> {
    const ack = await this.sendSubscribe(symbols);
    if (ack.ok || ack.error.code !== 'timeout') return;
    const delay = backoffDelay(attempt, this.opts.reconnectDelayMs ?? 500, this.opts.reconnectDelayMaxMs ?? 10_000);
    const timer = setTimeout(() => {
      this.resubscribeTimers.delete(timer);
      const still = symbols.filter((sym) => this.wanted.has(sym));
      if (s === this.socket && s.connected && !this.closed && still.length) void this.resubscribe(s, still, attempt + 1);
    }, delay);
    this.resubscribeTimers.add(timer);
  }

  private async sendSubscribe(symbols: string[]): Promise<SubscribeAck> {
    let raw: unknown;
    try {
      raw = await this.socket.timeout(this.opts.ackTimeoutMs ?? 5000).emitWithAck(FEED_EVENTS.subscribe, { symbols });
    } catch (err) {
      return { ok: false, error: { code: 'timeout', message: (err as Error).message } };
    }
    const ack = Ack.safeParse(raw);
    if (!ack.success) {
      this.counters.malformed++;
      return { ok: false, error: { code: 'bad_ack', message: 'malformed subscribe ack' } };
    }
    if (!ack.data.ok) return ack.data;
    const snapshot: Tick[] = [];
    for (const t of ack.data.snapshot) {
      // Report the snapshot as sent (valid ticks), even the ones an earlier identical request already applied.
      const valid = Tick.safeParse(t);
      if (valid.success) snapshot.push(valid.data);
      this.receive(t, true);
    }
    this.listeners.emit('subscribed', symbols, snapshot);
    return { ok: true, snapshot };
  }

  private receive(raw: unknown, fromSnapshot: boolean): Tick | null {
    this.counters.received++;
    const parsed = Tick.safeParse(raw);
    if (!parsed.success) {
      this.counters.malformed++;
      return null;
    }
    const tick = parsed.data;
    const st = this.states.get(tick.symbol);
    if (!st || !this.wanted.has(tick.symbol)) return null;
    // A snapshot after a reconnect may be older than what we already show: keep ours.
    const older = fromSnapshot && st.last !== null && tick.ts < st.last.ts;
    const renumbered = !st.confirmed && st.last !== null && tick.ts > st.last.ts;
    if ((st.seq !== null && tick.seq <= st.seq && !renumbered) || older) {
      // The snapshot of the tick we already hold, after a reconnect: it still proves the price current.
      if (fromSnapshot && tick.seq === st.seq && tick.ts === st.last?.ts) this.confirmLive(tick);
      this.counters.outOfOrder++;
      return null;
    }
    st.seq = tick.seq;
    st.confirmed = true;
    const now = this.now();
    const kept: LastPrice = { ...tick, receivedAt: now };
    st.last = kept;
    this.dirty.set(tick.symbol, kept);
    this.counters.accepted++;
    // A snapshot replays the server's last known tick, which may be old: it only counts as fresh if it is recent.
    const window = this.stale.windowOf(tick.symbol) ?? Infinity;
    if ((!fromSnapshot || now - tick.ts < window) && this.stale.touch(tick.symbol, now)) this.listeners.emit('live', tick.symbol);
    this.coalescer.push(tick, now);
    return tick;
  }

  private confirmLive(tick: Tick): void {
    const now = this.now();
    const window = this.stale.windowOf(tick.symbol) ?? Infinity;
    if (now - tick.ts < window && this.stale.touch(tick.symbol, now)) this.listeners.emit('live', tick.symbol);
  }

  private deliver(tick: Tick, receivedAt: number): void {
    if (!this.wanted.has(tick.symbol)) return;
    this.counters.delivered++;
    this.listeners.emit('update', { ...tick, receivedAt });
  }

  private sweep(): void {
    for (const symbol of this.stale.sweep(this.now())) this.listeners.emit('stale', symbol);
  }

  private async flush(): Promise<void> {
    if (!this.opts.store || this.dirty.size === 0) return;
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    try {
      await this.opts.store.save(batch);
    } catch (err) {
      this.listeners.emit('error', err as Error);
    }
  }
}
