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
 *
 * With a roster (a cluster node in simulate mode, `setRoster`) the round robin is the cluster's, not the node's: the
 * roster lists every symbol the cluster simulates in one order every node computes alike, and wall-clock time gives
 * the position in it (slot `floor(now × rate / 1000)`, `rate` being the whole cluster's). Each node produces the
 * slots of the symbols it holds and skips the others, so the cluster ticks its symbols in the same order and at the
 * same moments as one simulator walking them all, whichever node holds which, and a takeover continues the same
 * schedule. Symbols next to each other in the roster tick together (followers of neighbouring symbols get them in one
 * frame, as from a single server), and the wakes fall on the same multiples of the wake period on every node, so
 * what neighbouring symbols' holders produce reaches Redis together.
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
  /** The cluster's order of symbols (see the class), or null: the node's own round robin. */
  private roster: readonly string[] | null = null;
  /** Roster mode: the next slot not yet produced (slot k is roster[k mod length], due at k × 1000 / rate ms). */
  private nextSlot = 0;
  private wakeTimer: NodeJS.Timeout | null = null;
  private aligned = false;

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

  /** Changes the rate from now on; what fell due at the old rate is still owed (in roster mode: from now on). */
  setRate(rate: number): void {
    if (this.timer || this.wakeTimer) this.accrue();
    this.rate = rate;
    if (this.roster) this.nextSlot = this.slotAt(this.now());
  }

  /** Walks the cluster's order instead of its own (see the class); `rate` is then the cluster's. Null: its own. */
  setRoster(symbols: readonly string[] | null): void {
    const had = this.roster !== null;
    this.roster = symbols?.length ? symbols : null;
    if (had === (this.roster !== null)) return;
    // Switching between the node's own round robin and the roster: start again in the other one (aligned or not).
    this.nextSlot = this.slotAt(this.now());
    if (this.timer || this.wakeTimer) {
      this.stop();
      this.start();
    }
  }

  start(): void {
    if (this.timer || this.wakeTimer) return;
    this.owed = 0;
    this.countedTo = this.now();
    this.nextSlot = this.slotAt(this.countedTo);
    this.aligned = this.roster !== null;
    if (this.aligned) this.scheduleAligned();
    else this.timer = setInterval(() => this.wake(), WAKE_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.timer = null;
    this.wakeTimer = null;
    this.aligned = false;
  }

  /** Roster mode: wakes on the multiples of WAKE_MS of the wall clock, the same instants on every node. */
  private scheduleAligned(): void {
    const now = this.now();
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.wake();
      if (this.aligned && !this.wakeTimer) this.scheduleAligned();
    }, WAKE_MS - (now % WAKE_MS) || WAKE_MS);
  }

  private slotAt(ms: number): number {
    return Math.floor((ms * this.rate) / 1000);
  }

  private wakeRoster(): void {
    const roster = this.roster as readonly string[];
    const now = this.now();
    this.countedTo = now;
    const due = this.slotAt(now);
    if (this.active.length === 0) {
      this.nextSlot = due;
      return;
    }
    // At most a second's worth per wake, as in the node's own round robin; the rest is paid back on the next wakes.
    const end = Math.min(due, this.nextSlot + Math.max(1, Math.ceil(this.rate)));
    for (let k = this.nextSlot; k < end; k++) {
      const symbol = roster[k % roster.length] as string;
      if (this.activeSet.has(symbol)) this.step(symbol, now);
    }
    this.nextSlot = Math.max(this.nextSlot, end);
  }

  private step(symbol: string, ts: number): void {
    const last = this.prices.get(symbol) as SeedPrice;
    const price = randomWalkStep(last.price);
    last.price = price;
    this.opts.onTick({ symbol, price, currency: last.currency, ts, source: this.opts.source ?? 'simulate', simulated: true });
  }

  private accrue(): void {
    const now = this.now();
    if (this.active.length === 0) this.owed = 0;
    else this.owed += (Math.max(0, now - this.countedTo) * this.rate) / 1000;
    this.countedTo = now;
  }

  private wake(): void {
    if (this.roster) return this.wakeRoster();
    this.accrue();
    const n = Math.min(Math.floor(this.owed), Math.max(1, Math.ceil(this.rate)));
    if (n <= 0) return;
    this.owed -= n;
    const ts = this.countedTo;
    for (let i = 0; i < n && this.active.length; i++) {
      this.cursor = (this.cursor + 1) % this.active.length;
      this.step(this.active[this.cursor] as string, ts);
    }
  }
}
