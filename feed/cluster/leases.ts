import type { Redis } from 'ioredis';

/** Renews the leases a node holds; answers the names it no longer holds. */
const RENEW = `
local p, me, ttl = ARGV[1], ARGV[2], ARGV[3]
local lost = {}
for i = 4, #ARGV do
  local k = p .. 'lease:' .. ARGV[i]
  if redis.call('GET', k) == me then redis.call('PEXPIRE', k, ttl) else lost[#lost + 1] = ARGV[i] end
end
return lost`;

/**
 * Takes gone nodes out of the cluster: drops them from the live set and frees every named lease one of them holds.
 * ARGV: prefix, k, k node ids, then lease names.
 */
const EVICT = `
local p, k = ARGV[1], tonumber(ARGV[2])
local gone = {}
for i = 3, 2 + k do
  gone[ARGV[i]] = true
  redis.call('ZREM', p .. 'nodes', ARGV[i])
end
local freed = 0
for i = 3 + k, #ARGV do
  local key = p .. 'lease:' .. ARGV[i]
  local holder = redis.call('GET', key)
  if holder and gone[holder] then
    redis.call('DEL', key)
    freed = freed + 1
  end
end
return freed`;

/** Gives up leases, but only those this node still holds. */
const RELEASE = `
local p, me = ARGV[1], ARGV[2]
for i = 3, #ARGV do
  local k = p .. 'lease:' .. ARGV[i]
  if redis.call('GET', k) == me then redis.call('DEL', k) end
end
return 0`;

export interface LeaseOptions {
  redis: Redis;
  prefix: string;
  node: string;
  /**
   * A connection in subscriber mode that lives as long as the node (it resubscribes by itself after Redis comes
   * back): it holds the node's presence channel, whose subscriber count tells the others whether the node is alive.
   */
  subscriber: Redis;
  /** A lease lives this long unless renewed; a dead node's leases are free after at most this. */
  ttlMs: number;
  /** Every lease name the cluster needs relayed now. */
  demand: () => Promise<string[]>;
  gained: (names: string[]) => void;
  lost: (names: string[]) => void;
}

/**
 * One lease per upstream subscription (`relay:binance:BTC-USDT`, `simulate:EUR-USD`, `replay`), a Redis key holding
 * the node's id with a TTL. Every round (a third of the TTL, at most 500 ms) a node renews what it holds, takes free
 * leases up to its fair share (demand ÷ live nodes, rounded up) and gives back what it holds above that share, so a
 * node that joins gets work and a dead node's leases are taken over by the survivors. A lease that stayed free for two
 * rounds is taken by whoever sees it, share or not, so nothing waits on a full node.
 *
 * A node that died is noticed before its leases expire: each node stays subscribed to its own presence channel
 * (`alive:<node>`), and Redis drops a subscription the moment the process's connection closes. A node whose presence
 * channel has no subscriber and that has missed a renewal round is gone: the next node to see it frees its leases
 * (and takes them at once, its share now counted without the gone node). The TTL stays the bound for what Redis cannot
 * see close (a machine that lost power or its network); a live but slow node keeps its subscription, so only the TTL
 * can take its leases.
 *
 * Two nodes never hold one lease at once (SET NX); the short overlap in which a node that lost its lease still
 * produces ticks is fenced where ticks are stamped (the stamp script checks the lease), not here.
 */
export class LeaseKeeper {
  private readonly held = new Set<string>();
  /** How many rounds in a row each lease was seen free (and not taken by this node). */
  private freeRounds = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private lastOk = Date.now();
  private nodes = 1;
  private stopped = false;

  constructor(private readonly opts: LeaseOptions) {
    opts.redis.defineCommand('bourseLeaseRenew', { numberOfKeys: 0, lua: RENEW });
    opts.redis.defineCommand('bourseLeaseRelease', { numberOfKeys: 0, lua: RELEASE });
    opts.redis.defineCommand('bourseLeaseEvict', { numberOfKeys: 0, lua: EVICT });
  }

  /** Announces this node (its presence channel) and starts the rounds. */
  async start(): Promise<void> {
    await this.opts.subscriber.subscribe(presenceChannel(this.opts.prefix, this.opts.node));
    this.timer = setInterval(() => this.nudge(), roundMs(this.opts.ttlMs));
    this.nudge();
  }

  /** Runs a round soon (demand changed); rounds never overlap. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch(() => this.failed())
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  heldCount(): number {
    return this.held.size;
  }

  liveNodes(): number {
    return this.nodes;
  }

  /** Gives back every lease (a clean shutdown: the others take over at their next round, not after the TTL). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    const names = [...this.held];
    this.drop(names);
    const { redis, prefix, node } = this.opts;
    await Promise.all([
      names.length ? (redis as LeaseRedis).bourseLeaseRelease(prefix, node, ...names).catch(() => undefined) : undefined,
      redis.zrem(`${prefix}nodes`, node).catch(() => undefined),
    ]);
  }

  private async round(): Promise<void> {
    const { redis, prefix, node, ttlMs } = this.opts;
    const r = redis as LeaseRedis;
    const now = Date.now();
    const held = [...this.held];
    const beat = redis
      .multi()
      .zadd(`${prefix}nodes`, now, node)
      .zremrangebyscore(`${prefix}nodes`, '-inf', now - ttlMs)
      .zrange(`${prefix}nodes`, 0, -1, 'WITHSCORES');
    const [beatResult, lost] = await Promise.all([
      beat.exec(),
      held.length ? r.bourseLeaseRenew(prefix, node, ttlMs, ...held) : Promise.resolve([] as string[]),
    ]);
    this.lastOk = now;
    const beats = (beatResult?.[2]?.[1] ?? []) as string[];
    this.nodes = Math.max(1, beats.length / 2);
    if (lost.length) this.drop(lost);
    if (this.stopped) return;

    const demand = await this.opts.demand();
    const gone = await this.goneNodes(beats, now);
    if (gone.length) {
      await r.bourseLeaseEvict(prefix, gone.length, ...gone, ...demand);
      this.nodes = Math.max(1, this.nodes - gone.length);
    }
    const wanted = new Set(demand);
    // Leases of symbols nobody wants any more are given back.
    const unwanted = [...this.held].filter((n) => !wanted.has(n));
    const share = Math.ceil(demand.length / this.nodes);
    const excess = this.held.size - unwanted.length - share;
    const shed = [...unwanted, ...(excess > 0 ? [...this.held].filter((n) => wanted.has(n)).slice(0, excess) : [])];
    if (shed.length) {
      this.drop(shed);
      await r.bourseLeaseRelease(prefix, node, ...shed);
    }

    const others = demand.filter((n) => !this.held.has(n));
    const owners = others.length ? await redis.mget(others.map((n) => `${prefix}lease:${n}`)) : [];
    const free = others.filter((_, i) => owners[i] === null);
    // Two rounds free: the node that gave it back has had a round to see it taken by one with room.
    const orphans = free.filter((n) => (this.freeRounds.get(n) ?? 0) >= 2);
    const room = Math.max(0, share - this.held.size);
    const orphanSet = new Set(orphans);
    const picks = new Set([...orphans, ...shuffle(free.filter((n) => !orphanSet.has(n))).slice(0, room)]);
    const rounds = new Map<string, number>();
    for (const n of free) if (!picks.has(n)) rounds.set(n, (this.freeRounds.get(n) ?? 0) + 1);
    this.freeRounds = rounds;
    if (picks.size === 0) return;
    const tx = redis.multi();
    for (const n of picks) tx.set(`${prefix}lease:${n}`, node, 'PX', ttlMs, 'NX');
    const results = (await tx.exec()) ?? [];
    const gained = [...picks].filter((_, i) => results[i]?.[1] === 'OK');
    if (this.stopped) {
      if (gained.length) await r.bourseLeaseRelease(prefix, node, ...gained);
      return;
    }
    for (const n of gained) this.held.add(n);
    if (gained.length) this.opts.gained(gained);
  }

  /**
   * Other nodes that have missed a round (their last beat older than a round and a quarter) and whose presence channel
   * has no subscriber. Nobody is judged while this node's own presence is not back (Redis just restarted: the others'
   * subscriptions may not be back yet either).
   */
  private async goneNodes(beats: string[], now: number): Promise<string[]> {
    const { redis, prefix, node, ttlMs } = this.opts;
    const late: string[] = [];
    for (let i = 0; i + 1 < beats.length; i += 2) {
      if (beats[i] !== node && now - Number(beats[i + 1]) > roundMs(ttlMs) * 1.25) late.push(beats[i]!);
    }
    if (!late.length) return [];
    const counts = (await redis.call('PUBSUB', 'NUMSUB', presenceChannel(prefix, node), ...late.map((n) => presenceChannel(prefix, n)))) as (string | number)[];
    if (Number(counts[1]) === 0) return [];
    return late.filter((_, i) => Number(counts[3 + 2 * i]) === 0);
  }

  /** Without Redis for a whole TTL the leases have expired there: stop producing for them. */
  private failed(): void {
    if (Date.now() - this.lastOk >= this.opts.ttlMs && this.held.size) this.drop([...this.held]);
  }

  private drop(names: string[]): void {
    const gone = names.filter((n) => this.held.delete(n));
    if (gone.length) this.opts.lost(gone);
  }
}

interface LeaseRedis extends Redis {
  bourseLeaseRenew(prefix: string, node: string, ttlMs: number, ...names: string[]): Promise<string[]>;
  bourseLeaseRelease(prefix: string, node: string, ...names: string[]): Promise<number>;
  bourseLeaseEvict(prefix: string, k: number, ...nodesThenNames: string[]): Promise<number>;
}

/**
 * A node renews, beats and takes leases every third of the TTL, and at least twice a second: a gone node is noticed
 * a round and a quarter after its last beat whatever the TTL (a few small Redis calls per round).
 */
function roundMs(ttlMs: number): number {
  return Math.max(50, Math.min(500, Math.floor(ttlMs / 3)));
}

/** The channel a live node stays subscribed to. */
function presenceChannel(prefix: string, node: string): string {
  return `${prefix}alive:${node}`;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
