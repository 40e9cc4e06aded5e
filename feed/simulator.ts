import type { SeedPrice } from './seed-prices.js';
import { randomWalkStep } from './random-walk.js';
import type { UnsequencedTick } from './tick-book.js';

export interface SimulatorOptions {
  /** Total ticks per second across all simulated symbols (round-robin). */
  rate: number;
  source?: string;
  onTick: (tick: UnsequencedTick) => void;
  now?: () => number;
}

/** How often the generator wakes; each wake emits the ticks that fell due since the last one. */
const WAKE_MS = 10;

/**
 * Random walk from the last known prices, every tick `simulated: true`. The generator owes `rate` ticks per second of
 * wall time: each wake adds what fell due since the last one to what it owes and produces it, in round-robin order,
 * so the rate holds when the event loop wakes it late. One wake produces at most a second's worth (a long stall is
 * paid back over the next wakes rather than in one burst), and nothing is owed while there is nothing to walk.
 */
export class Simulator {
  private readonly prices = new Map<string, SeedPrice>();
  private readonly active: string[] = [];
  private readonly activeSet = new Set<string>();
  private cursor = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Ticks due and not yet produced (fractional: the part of the next one that has accrued). */
  private owed = 0;
  /** Until when `owed` is counted. */
  private countedTo = 0;
  private rate: number;
  private readonly now: () => number;

  constructor(private readonly opts: SimulatorOptions) {
    this.rate = opts.rate;
    this.now = opts.now ?? Date.now;
  }

  /** Records a price to walk from (a seed, or the last relayed price). */
  setPrice(symbol: string, price: SeedPrice): void {
    this.prices.set(symbol, { ...price });
  }

  hasPrice(symbol: string): boolean {
    return this.prices.has(symbol);
  }

  /** Adds symbols to the walk; symbols without a known price are skipped and returned. */
  add(symbols: readonly string[]): string[] {
    const unknown: string[] = [];
    for (const s of symbols) {
      if (!this.prices.has(s)) unknown.push(s);
      else if (!this.activeSet.has(s)) {
        this.activeSet.add(s);
        this.active.push(s);
      }
    }
    return unknown;
  }

  remove(symbols: readonly string[]): void {
    for (const s of symbols) {
      if (!this.activeSet.delete(s)) continue;
      const i = this.active.indexOf(s);
      if (i >= 0) this.active.splice(i, 1);
    }
  }

  isActive(symbol: string): boolean {
    return this.activeSet.has(symbol);
  }

  activeSymbols(): string[] {
    return [...this.active];
  }

  /** Changes the rate from now on; what fell due at the old rate is still owed. */
  setRate(rate: number): void {
    if (this.timer) this.accrue();
    this.rate = rate;
  }

  start(): void {
    if (this.timer) return;
    this.owed = 0;
    this.countedTo = this.now();
    this.timer = setInterval(() => this.wake(), WAKE_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private accrue(): void {
    const now = this.now();
    if (this.active.length === 0) this.owed = 0;
    else this.owed += (Math.max(0, now - this.countedTo) * this.rate) / 1000;
    this.countedTo = now;
  }

  private wake(): void {
    this.accrue();
    const n = Math.min(Math.floor(this.owed), Math.max(1, Math.ceil(this.rate)));
    if (n <= 0) return;
    this.owed -= n;
    const ts = this.countedTo;
    for (let i = 0; i < n && this.active.length; i++) {
      this.cursor = (this.cursor + 1) % this.active.length;
      const symbol = this.active[this.cursor] as string;
      const last = this.prices.get(symbol) as SeedPrice;
      const price = randomWalkStep(last.price);
      last.price = price;
      this.opts.onTick({ symbol, price, currency: last.currency, ts, source: this.opts.source ?? 'simulate', simulated: true });
    }
  }
}
