/**
 * Liveness per symbol: a symbol is live while something fresh arrived for it within its window, stale otherwise.
 * One sweep timer checks all symbols (instead of a timer per symbol re-armed on every tick, which at thousands of
 * ticks a second would cost more than the ticks themselves).
 */
export class StaleTracker {
  private readonly entries = new Map<string, { windowMs: number; freshAt: number; stale: boolean }>();

  /** Starts tracking a symbol as stale (nothing fresh seen yet). */
  track(symbol: string, windowMs: number): void {
    if (!this.entries.has(symbol)) this.entries.set(symbol, { windowMs, freshAt: -Infinity, stale: true });
  }

  untrack(symbol: string): void {
    this.entries.delete(symbol);
  }

  /** Records fresh data; returns true when the symbol just turned live. */
  touch(symbol: string, at: number): boolean {
    const e = this.entries.get(symbol);
    if (!e) return false;
    e.freshAt = at;
    if (!e.stale) return false;
    e.stale = false;
    return true;
  }

  /** Returns the symbols that just turned stale. */
  sweep(now: number): string[] {
    const out: string[] = [];
    for (const [symbol, e] of this.entries) {
      if (!e.stale && now - e.freshAt >= e.windowMs) {
        e.stale = true;
        out.push(symbol);
      }
    }
    return out;
  }

  /** Marks every live symbol stale (e.g. the connection dropped); returns those that changed. */
  markAll(): string[] {
    const out: string[] = [];
    for (const [symbol, e] of this.entries) {
      if (!e.stale) {
        e.stale = true;
        out.push(symbol);
      }
    }
    return out;
  }

  isStale(symbol: string): boolean {
    return this.entries.get(symbol)?.stale ?? true;
  }

  windowOf(symbol: string): number | undefined {
    return this.entries.get(symbol)?.windowMs;
  }

  minWindow(): number {
    let min = Infinity;
    for (const e of this.entries.values()) min = Math.min(min, e.windowMs);
    return min;
  }
}
