import type { Server } from 'socket.io';
import { FeedStatus, type Tick } from '../../shared/market.js';
import type { StampedTick, UnsequencedTick } from '../tick-book.js';
import { LastTicks } from './last-ticks.js';
import { LeaseKeeper } from './leases.js';
import type { RedisLink } from './redis-link.js';
import { decodeStamped, Stamper } from './stamper.js';

/** Node-to-node events over the Redis adapter (serverSideEmit: other nodes only, never clients). Stamped ticks travel
 *  on their own channel, published by the stamp script (feed/cluster/stamper.ts). */
const EV = { status: 'bourse:status', wanted: 'bourse:wanted' } as const;

export interface ClusterNodeOptions {
  link: RedisLink;
  io: Server;
  node: string;
  leaseMs: number;
  stampBatchMs: number;
  /** The lease a symbol's ticks are produced under in this mode; null when this mode cannot serve it. */
  leaseOf(symbol: string): string | null;
  /** Leases wanted whatever clients subscribe to (the replay's single stream). */
  fixedLeases: string[];
  /** Leases taken or lost, with the symbols they cover (none for fixed leases). */
  gained(names: string[], symbols: string[]): void;
  lost(names: string[], symbols: string[]): void;
  /** Stamped ticks from this node or another, in stamp order, for this node's clients (their JSON unparsed). */
  deliver(ticks: StampedTick[]): void;
  /** A source's state as reported by the node that relays it. */
  status(status: FeedStatus): void;
  /** How many ticks this node stamped, and ticks it could not (Redis away, lease moved). */
  stamped(count: number): void;
  dropped(count: number): void;
}

/**
 * A feed server's membership in a cluster: the symbols clients want (a Redis set, so any node can serve any
 * subscription), the leases that decide which node produces each symbol, the stamping of produced ticks in Redis, and
 * the sharing of stamped ticks and upstream states with the other nodes through socket.io's Redis adapter.
 */
export class ClusterNode {
  private readonly keeper: LeaseKeeper;
  private readonly stamper: Stamper;
  private readonly lastRead: LastTicks;
  private readonly symbolOf = new Map<string, string>();
  private readonly known = new Set<string>();
  private readonly prefix: string;
  /** Operators' ticks in flight (`send`): the highest seq delivered of their symbol since, and what to call once it
   *  reaches their own seq. */
  private readonly watches = new Set<{ symbol: string; seq: number; seen: number; done: () => void }>();

  constructor(private readonly opts: ClusterNodeOptions) {
    const { link, io, node } = opts;
    this.prefix = link.prefix;
    const symbolsOf = (names: string[]) => names.flatMap((n) => this.symbolOf.get(n) ?? []);
    this.keeper = new LeaseKeeper({
      redis: link.cmd,
      prefix: this.prefix,
      node,
      subscriber: link.ticks,
      ttlMs: opts.leaseMs,
      demand: () => this.demand(),
      gained: (names) => opts.gained(names, symbolsOf(names)),
      lost: (names) => opts.lost(names, symbolsOf(names)),
    });
    this.stamper = new Stamper({
      redis: link.cmd,
      prefix: this.prefix,
      node,
      channel: link.tickChannel,
      batchMs: opts.stampBatchMs,
      stamped: (n) => opts.stamped(n),
      dropped: (n) => opts.dropped(n),
    });
    this.lastRead = new LastTicks(link.cmd, `${this.prefix}last`);
    // Every node, this one included, delivers what any node stamped from the one channel, in stamp order.
    link.onTicks((message) => {
      const ticks = decodeStamped(message);
      if (ticks.length) this.delivered(ticks);
    });
    io.on(EV.status, (raw: unknown) => {
      const parsed = FeedStatus.safeParse(raw);
      if (parsed.success) opts.status(parsed.data);
    });
    io.on(EV.wanted, () => this.keeper.nudge());
    // Redis back (perhaps empty after a restart without persistence): put back what this node's clients want.
    link.onState((up) => {
      if (!up) return;
      const all = [...this.known];
      this.known.clear();
      void this.want(all);
    });
  }

  /** Loads the sources' last states and starts taking leases. */
  async start(symbols: readonly string[]): Promise<FeedStatus[]> {
    await this.want(symbols);
    await this.keeper.start();
    const raw = await this.opts.link.cmd.hgetall(`${this.prefix}status`);
    return Object.values(raw).flatMap((json) => {
      const parsed = FeedStatus.safeParse(safeJson(json));
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Adds symbols to what the cluster produces (any node may take their leases). */
  async want(symbols: readonly string[]): Promise<void> {
    const fresh = symbols.filter((s) => !this.known.has(s) && this.opts.leaseOf(s) !== null);
    if (!fresh.length) return;
    for (const s of fresh) this.known.add(s);
    try {
      await this.opts.link.cmd.sadd(`${this.prefix}wanted`, ...fresh);
    } catch {
      // Redis away: added again when it is back (see the constructor).
      return;
    }
    this.keeper.nudge();
    this.opts.io.serverSideEmit(EV.wanted);
  }

  /** Queues a produced tick for stamping if this node holds its lease (else it is someone else's to produce). */
  produce(tick: UnsequencedTick, lease = this.opts.leaseOf(tick.symbol)): void {
    if (lease !== null && this.keeper.holds(lease)) this.stamper.push(lease, tick);
    else this.opts.dropped(1);
  }

  /**
   * An operator's tick: stamped without a lease, delivered cluster-wide; resolves once this node delivered it (or
   * after `SEND_WAIT_MS` if its subscription lags); null when Redis is away.
   */
  async send(tick: UnsequencedTick): Promise<Tick | null> {
    // Watched from before the stamping: the published batch may arrive before the script's reply.
    const watch = { symbol: tick.symbol, seq: Infinity, seen: -Infinity, done: () => undefined as void };
    this.watches.add(watch);
    try {
      const stamped = await this.stamper.stampOne(tick).catch(() => null);
      if (!stamped) return null;
      this.opts.stamped(1);
      if (watch.seen < stamped.seq) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, SEND_WAIT_MS);
          watch.seq = stamped.seq;
          watch.done = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return stamped;
    } finally {
      this.watches.delete(watch);
    }
  }

  /** The last stamped tick of each symbol, cluster-wide (absent symbols left out; empty when Redis is away). */
  lastTicks(symbols: readonly string[]): Promise<Tick[]> {
    return this.lastRead.read(symbols);
  }

  /** Tells the other nodes (and nodes started later) a source's state. */
  shareStatus(status: FeedStatus): void {
    this.opts.io.serverSideEmit(EV.status, status);
    this.opts.link.cmd.hset(`${this.prefix}status`, status.source, JSON.stringify(status)).catch(() => undefined);
  }

  holds(lease: string): boolean {
    return this.keeper.holds(lease);
  }

  leasesHeld(): number {
    return this.keeper.heldCount();
  }

  liveNodes(): number {
    return this.keeper.liveNodes();
  }

  /** Stamps what is queued, then gives back every lease. */
  async close(): Promise<void> {
    await this.stamper.drain().catch(() => undefined);
    await this.keeper.stop();
    this.stamper.close();
  }

  private delivered(ticks: StampedTick[]): void {
    this.opts.deliver(ticks);
    if (this.watches.size === 0) return;
    for (const w of this.watches) {
      for (const t of ticks) if (t.symbol === w.symbol && t.seq > w.seen) w.seen = t.seq;
      if (w.seen >= w.seq) w.done();
    }
  }

  private async demand(): Promise<string[]> {
    const symbols = await this.opts.link.cmd.smembers(`${this.prefix}wanted`);
    const fixed = new Set(this.opts.fixedLeases);
    const names = new Set(fixed);
    for (const s of symbols) {
      const name = this.opts.leaseOf(s);
      if (name === null || fixed.has(name)) continue;
      this.symbolOf.set(name, s);
      names.add(name);
    }
    return [...names];
  }
}

/** How long `send` waits for its tick to come back on the channel before resolving anyway. */
const SEND_WAIT_MS = 2000;

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
