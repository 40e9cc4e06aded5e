import type { Tick } from '../../shared/market.js';

/**
 * Per-symbol rate limit towards the consumer (the renderer can't use more than ~10 repaints a second per price):
 * the first tick after a quiet period goes out at once; ticks within `intervalMs` of the last delivery replace each
 * other (latest wins) and the survivor goes out when the interval has passed.
 */
export class Coalescer {
  private readonly lastAt = new Map<string, number>();
  private readonly pending = new Map<string, { tick: Tick; receivedAt: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (tick: Tick, receivedAt: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(tick: Tick, receivedAt: number): void {
    const waiting = this.pending.get(tick.symbol);
    if (waiting) {
      waiting.tick = tick;
      waiting.receivedAt = receivedAt;
      return;
    }
    const now = this.now();
    const since = now - (this.lastAt.get(tick.symbol) ?? -Infinity);
    if (since >= this.intervalMs) return this.fire(tick, receivedAt, now);
    const timer = setTimeout(() => {
      const p = this.pending.get(tick.symbol);
      this.pending.delete(tick.symbol);
      if (p) this.fire(p.tick, p.receivedAt, this.now());
    }, this.intervalMs - since);
    this.pending.set(tick.symbol, { tick, receivedAt, timer });
  }

  /** Drops anything waiting for a symbol (after unsubscribe). */
  cancel(symbol: string): void {
    const p = this.pending.get(symbol);
    if (p) clearTimeout(p.timer);
    this.pending.delete(symbol);
  }

  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private fire(tick: Tick, receivedAt: number, now: number): void {
    this.lastAt.set(tick.symbol, now);
    this.deliver(tick, receivedAt);
  }
}
