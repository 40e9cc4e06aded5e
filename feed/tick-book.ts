import type { Tick } from '../shared/market.js';

/** A tick before the feed server stamps its per-symbol `seq`. */
export type UnsequencedTick = Omit<Tick, 'seq'>;

/**
 * Last known tick per symbol (for subscribe snapshots) and the per-symbol sequence counter.
 *
 * A symbol's first seq is the current time in microseconds rather than 1, so a restarted server keeps issuing seqs
 * above the ones it issued before (unless it had averaged more than 1,000 ticks per millisecond for that symbol);
 * clients that kept their last seq across the restart then still accept the new ticks.
 */
export class TickBook {
  private readonly last = new Map<string, Tick>();
  private readonly seqs = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  stamp(tick: UnsequencedTick): Tick {
    const prev = this.seqs.get(tick.symbol);
    const seq = prev === undefined ? this.now() * 1000 : prev + 1;
    this.seqs.set(tick.symbol, seq);
    const stamped: Tick = { ...tick, seq };
    this.last.set(tick.symbol, stamped);
    return stamped;
  }

  /**
   * Takes a tick stamped elsewhere (a cluster node stamps through Redis) if it is newer than the last one kept for its
   * symbol; false means it must not reach clients, who have already seen that seq or a later one.
   */
  observe(tick: Tick): boolean {
    const prev = this.seqs.get(tick.symbol);
    if (prev !== undefined && tick.seq <= prev) return false;
    this.seqs.set(tick.symbol, tick.seq);
    this.last.set(tick.symbol, tick);
    return true;
  }

  get(symbol: string): Tick | undefined {
    return this.last.get(symbol);
  }

  snapshot(symbols: readonly string[]): Tick[] {
    const out: Tick[] = [];
    for (const s of symbols) {
      const t = this.last.get(s);
      if (t) out.push(t);
    }
    return out;
  }
}
