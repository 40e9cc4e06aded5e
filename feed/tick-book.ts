import type { Tick } from '../shared/market.js';

/** A tick before the feed server stamps its per-symbol `seq`. */
export type UnsequencedTick = Omit<Tick, 'seq'>;

/** A stamped tick as it travels: its symbol and seq, and its JSON text, which clients receive as is. */
export interface StampedTick {
  symbol: string;
  seq: number;
  json: string;
}

/** A tick stamped here: its JSON text is made when a client first needs it. */
export class LocalTick implements StampedTick {
  private text: string | null = null;

  constructor(readonly tick: Tick) {}

  get symbol(): string {
    return this.tick.symbol;
  }

  get seq(): number {
    return this.tick.seq;
  }

  get json(): string {
    this.text ??= JSON.stringify(this.tick);
    return this.text;
  }
}

interface Entry {
  seq: number;
  /** One of the two is set; the other is made from it when first needed. */
  json: string | null;
  tick: Tick | null;
}

/**
 * Last known tick per symbol (for subscribe snapshots) and the per-symbol sequence counter.
 *
 * A symbol's first seq is the current time in microseconds rather than 1, so a restarted server keeps issuing seqs
 * above the ones it issued before (unless it had averaged more than 1,000 ticks per millisecond for that symbol);
 * clients that kept their last seq across the restart then still accept the new ticks.
 *
 * A cluster node takes ticks stamped elsewhere as text (`observe`) and parses one only when a subscriber's snapshot
 * needs it: most ticks reach clients, or nobody, without ever being parsed on the node.
 */
export class TickBook {
  private readonly last = new Map<string, Entry>();
  private readonly seqs = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  stamp(tick: UnsequencedTick): LocalTick {
    const prev = this.seqs.get(tick.symbol);
    const seq = prev === undefined ? this.now() * 1000 : prev + 1;
    this.seqs.set(tick.symbol, seq);
    const stamped: Tick = { ...tick, seq };
    this.last.set(tick.symbol, { seq, json: null, tick: stamped });
    return new LocalTick(stamped);
  }

  /**
   * Takes a tick stamped elsewhere (a cluster node stamps through Redis) if it is newer than the last one kept for its
   * symbol; false means it must not reach clients, who have already seen that seq or a later one.
   */
  observe(t: StampedTick): boolean {
    const prev = this.seqs.get(t.symbol);
    if (prev !== undefined && t.seq <= prev) return false;
    this.seqs.set(t.symbol, t.seq);
    this.last.set(t.symbol, { seq: t.seq, json: t.json, tick: null });
    return true;
  }

  /** The last seq kept for a symbol. */
  seq(symbol: string): number | undefined {
    return this.seqs.get(symbol);
  }

  get(symbol: string): Tick | undefined {
    const e = this.last.get(symbol);
    if (!e) return undefined;
    e.tick ??= JSON.parse(e.json as string) as Tick;
    return e.tick;
  }

  snapshot(symbols: readonly string[]): Tick[] {
    const out: Tick[] = [];
    for (const s of symbols) {
      const t = this.get(s);
      if (t) out.push(t);
    }
    return out;
  }
}
