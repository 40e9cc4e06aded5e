import type { Redis } from 'ioredis';
import type { Tick } from '../../shared/market.js';
import type { StampedTick, UnsequencedTick } from '../tick-book.js';

/**
 * Stamps a batch of ticks in one round trip and publishes the stamped batch to every node. Each tick is kept only
 * while its lease (ARGV triple: lease name, symbol, tick JSON without seq; an empty lease name is an operator's tick,
 * not fenced) is still this node's: that is the fence that keeps a node which lost a lease, but has not noticed yet,
 * from reaching clients. A symbol's seq lives in Redis, so it keeps rising whichever node stamps; when its key is
 * missing (a new symbol, or a Redis that lost its data; INCR then answers 1, which no counter reaches otherwise, since
 * counters start at the clock) it starts from the current time in microseconds like the single server's TickBook,
 * above anything issued before. The seq is spliced into the JSON as text: Lua numbers print with 14 digits, too few
 * for a microsecond clock.
 *
 * Per tick the script makes one Redis call (INCR); the batch's leases are read with one MGET and its last ticks
 * written with one HSET (a symbol twice in a batch: the later, higher seq is written last and wins).
 *
 * The stamped batch is published from inside the script as lines, three per tick: symbol, seq, stamped JSON (JSON
 * text holds no raw newline, and symbols none: shared/market.ts `FeedSymbol`). Scripts run one at a time, so every
 * node, the stamping one included, receives every batch in stamp order on one channel, and the ticks cross from the
 * node to Redis once; a node reads a tick's symbol and seq without parsing its JSON, which goes to clients as it is
 * (`decodeStamped`). The reply is the stamped JSONs when ARGV[4] is '1' (an operator's tick, returned to its sender),
 * else their count.
 */
const STAMP = `
local p, me, chan, reply = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local n = (#ARGV - 4) / 3
if n < 1 then return 0 end
local keys = {}
for i = 1, n do keys[i] = p .. 'lease:' .. ARGV[2 + 3 * i] end
local owners = redis.call('MGET', unpack(keys))
local out, lines, fields = {}, {}, {}
local now = nil
for i = 1, n do
  local lease, sym, json = ARGV[2 + 3 * i], ARGV[3 + 3 * i], ARGV[4 + 3 * i]
  if lease == '' or owners[i] == me then
    local key = p .. 'seq:' .. sym
    local seq = redis.call('INCR', key)
    if seq == 1 then
      now = now or redis.call('TIME')
      redis.call('SET', key, now[1] .. string.format('%06d', tonumber(now[2])))
      seq = redis.call('INCR', key)
    end
    local s = string.format('%d', seq)
    local stamped = string.sub(json, 1, -2) .. ',"seq":' .. s .. '}'
    out[#out + 1] = stamped
    lines[#lines + 1] = sym .. '\\n' .. s .. '\\n' .. stamped
    fields[#fields + 1] = sym
    fields[#fields + 1] = stamped
  end
end
if #out > 0 then
  redis.call('HSET', p .. 'last', unpack(fields))
  redis.call('PUBLISH', chan, table.concat(lines, '\\n'))
end
if reply == '1' then return out end
return #out`;

/**
 * The ticks of one published batch (see `STAMP`), in stamp order; a message not in that shape yields nothing. The
 * JSON is not parsed: the script spliced the seq into JSON that a node produced from a validated tick.
 */
export function decodeStamped(message: string): StampedTick[] {
  const parts = message.split('\n');
  if (parts.length % 3 !== 0) return [];
  const out: StampedTick[] = [];
  for (let i = 0; i < parts.length; i += 3) {
    const symbol = parts[i] as string;
    const seq = Number(parts[i + 1]);
    const json = parts[i + 2] as string;
    if (!symbol || !Number.isSafeInteger(seq) || json.charCodeAt(0) !== 123 /* { */) continue;
    out.push({ symbol, seq, json });
  }
  return out;
}

export interface StamperOptions {
  redis: Redis;
  prefix: string;
  node: string;
  /** The channel stamped batches are published on (every node delivers from it). */
  channel: string;
  /** How long ticks gather before a batch goes out (ends aligned on the wall clock, the same instants on every node). */
  batchMs: number;
  /** How many ticks a batch stamped (and published). */
  stamped: (count: number) => void;
  /** Ticks that could not be stamped (Redis away, lease gone) are dropped and counted here. */
  dropped: (count: number) => void;
}

/** Largest batch in one script call (keeps Redis responsive to the other nodes). */
const MAX_BATCH = 500;
/** Ticks waiting while Redis is slow; beyond this the oldest are dropped rather than delivered late. */
const MAX_QUEUE = 50_000;

interface Pending {
  lease: string;
  tick: UnsequencedTick;
}

export class Stamper {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: StamperOptions) {
    opts.redis.defineCommand('bourseStamp', { numberOfKeys: 0, lua: STAMP });
  }

  push(lease: string, tick: UnsequencedTick): void {
    this.queue.push({ lease, tick });
    if (this.queue.length > MAX_QUEUE) this.opts.dropped(this.queue.splice(0, this.queue.length - MAX_QUEUE).length);
    if (this.queue.length >= MAX_BATCH) this.flush();
    else {
      const ms = this.opts.batchMs;
      this.timer ??= setTimeout(() => this.flush(), ms - (Date.now() % ms) || ms);
    }
  }

  /** Stamps and publishes one tick now (an operator's tick); null when Redis refused or is away. */
  async stampOne(tick: UnsequencedTick): Promise<Tick | null> {
    const out = (await this.call([{ lease: '', tick }], true)) as string[];
    return out[0] === undefined ? null : (JSON.parse(out[0]) as Tick);
  }

  /** Waits for what is in flight. */
  async drain(): Promise<void> {
    this.flush();
    await this.chain;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      // Batches are stamped one after another: their ticks reach clients in the order they were stamped.
      const sent = this.call(batch, false).then(
        (reply) => {
          const n = Number(reply);
          if (n < batch.length) this.opts.dropped(batch.length - n);
          if (n) this.opts.stamped(n);
        },
        () => this.opts.dropped(batch.length),
      );
      this.chain = this.chain.then(() => sent);
    }
  }

  private call(batch: Pending[], reply: boolean): Promise<string[] | number> {
    const args: string[] = [this.opts.prefix, this.opts.node, this.opts.channel, reply ? '1' : '0'];
    for (const { lease, tick } of batch) args.push(lease, tick.symbol, JSON.stringify(tick));
    return (this.opts.redis as StampRedis).bourseStamp(...args);
  }
}

interface StampRedis extends Redis {
  bourseStamp(...args: string[]): Promise<string[] | number>;
}
