import type { Redis } from 'ioredis';
import type { Tick } from '../../shared/market.js';

interface Batch {
  symbols: Set<string>;
  waiters: Array<{ symbols: readonly string[]; resolve: (ticks: Tick[]) => void }>;
}

/**
 * The cluster's last stamped tick per symbol (the `last` hash the stamp script writes), read for subscribe snapshots
 * and takeovers. Every read asked in one event-loop turn goes to Redis as one HMGET after the turn, and a stored tick
 * is parsed once while it stays its symbol's last: a node taking over a dead node's clients gets a thousand
 * subscribes within a few seconds, mostly for the same symbols, and would otherwise send a command and parse every
 * snapshot tick for each of them.
 */
export class LastTicks {
  private pending: Batch | null = null;
  private readonly parsed = new Map<string, { json: string; tick: Tick }>();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** The last tick of each symbol that has one, in the order asked; empty when Redis is away. */
  read(symbols: readonly string[]): Promise<Tick[]> {
    if (!symbols.length) return Promise.resolve([]);
    let batch = this.pending;
    if (!batch) {
      const fresh: Batch = { symbols: new Set(), waiters: [] };
      this.pending = batch = fresh;
      setImmediate(() => void this.run(fresh));
    }
    for (const s of symbols) batch.symbols.add(s);
    const waiters = batch.waiters;
    return new Promise((resolve) => waiters.push({ symbols, resolve }));
  }

  private async run(batch: Batch): Promise<void> {
    if (this.pending === batch) this.pending = null;
    const symbols = [...batch.symbols];
    let raw: Array<string | null> = [];
    try {
      raw = await this.redis.hmget(this.key, ...symbols);
    } catch {
      // Redis away: snapshots come from the node's own book alone.
    }
    const found = new Map<string, Tick>();
    symbols.forEach((s, i) => {
      const json = raw[i];
      const tick = json ? this.parse(s, json) : null;
      if (tick) found.set(s, tick);
    });
    for (const w of batch.waiters) w.resolve(w.symbols.flatMap((s) => found.get(s) ?? []));
  }

  private parse(symbol: string, json: string): Tick | null {
    const cached = this.parsed.get(symbol);
    if (cached?.json === json) return cached.tick;
    const tick = safeJson(json);
    if (!isStamped(tick) || tick.symbol !== symbol) return null;
    this.parsed.set(symbol, { json, tick });
    return tick;
  }
}

/**
 * Ticks in Redis were validated where they were produced and stamped by the cluster's own script: checking their
 * shape is enough.
 */
function isStamped(t: unknown): t is Tick {
  if (typeof t !== 'object' || t === null) return false;
  const x = t as Record<string, unknown>;
  return typeof x.symbol === 'string' && typeof x.price === 'string' && typeof x.currency === 'string' &&
    typeof x.ts === 'number' && Number.isSafeInteger(x.seq) && typeof x.source === 'string';
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
