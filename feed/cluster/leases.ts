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
  /** A lease lives this long unless renewed; a dead node's leases are free after at most this. */
  ttlMs: number;
  /** Every lease name the cluster needs relayed now. */
  demand: () => Promise<string[]>;
  gained: (names: string[]) => void;
  lost: (names: string[]) => void;
}

/**
 * One lease per upstream subscription (`relay:binance:BTC-USDT`, `simulate:EUR-USD`, `replay`), a Redis key holding
 * the node's id with a TTL. A node renews what it holds every third of the TTL; each round it also takes free leases up
 * to its fair share (demand ÷ live nodes, rounded up) and gives back what it holds above that share, so a node that
 * joins gets work and a dead node's leases are taken over by the survivors once they expire. A lease that stayed free
 * for two rounds is taken by whoever sees it, share or not, so nothing waits on a full node.
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
  }

  start(): void {
    this.timer = setInterval(() => this.nudge(), Math.max(50, Math.floor(this.opts.ttlMs / 3)));
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
      .zcard(`${prefix}nodes`);
    const [beatResult, lost] = await Promise.all([
      beat.exec(),
      held.length ? r.bourseLeaseRenew(prefix, node, ttlMs, ...held) : Promise.resolve([] as string[]),
    ]);
    this.lastOk = now;
    this.nodes = Math.max(1, Number(beatResult?.[2]?.[1] ?? 1));
    if (lost.length) this.drop(lost);
    if (this.stopped) return;

    const demand = await this.opts.demand();
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
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
