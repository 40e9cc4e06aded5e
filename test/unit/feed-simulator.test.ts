import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Simulator } from '../../feed/simulator.js';
import type { UnsequencedTick } from '../../feed/tick-book.js';

/** The simulator's own clock (`now`) and its wake timer under vitest's fake timers: a late wake is made by moving the
 *  clock ahead without running the timer, as an event loop busy elsewhere would. */
describe('simulator', () => {
  let now = 1_700_000_000_000;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    now = 1_700_000_000_000;
  });
  afterEach(() => vi.useRealTimers());

  const walk = (rate: number, symbols: string[]) => {
    const ticks: UnsequencedTick[] = [];
    const sim = new Simulator({ rate, onTick: (t) => ticks.push(t), now: () => now });
    for (const s of symbols) sim.setPrice(s, { price: '100.00', currency: 'USD' });
    sim.add(symbols);
    sim.start();
    /** Moves the clock and fires the wakes that fall in `ms`, each `lateMs` late on the clock. */
    const run = (ms: number, lateMs = 0) => {
      for (let t = 0; t < ms; t += 10) {
        now += 10 + lateMs;
        vi.advanceTimersByTime(10);
      }
    };
    return { sim, ticks, run };
  };

  it('keeps its rate on time: 100 ticks/s for 2 s is 200 ticks, round-robin', () => {
    const { sim, ticks, run } = walk(100, ['A', 'B', 'C', 'D']);
    run(2000);
    sim.stop();
    expect(ticks.length).toBe(200);
    expect(ticks.slice(0, 8).map((t) => t.symbol)).toEqual(['B', 'C', 'D', 'A', 'B', 'C', 'D', 'A']);
  });

  it('a wake 3 s late produces every tick it owes, in order, over the next wakes', () => {
    const { sim, ticks, run } = walk(100, ['A', 'B', 'C']);
    run(500);
    expect(ticks.length).toBe(50);
    // The event loop was busy for 3 s: the clock moved, the timer did not fire.
    now += 3000;
    run(100);
    sim.stop();
    // 0.5 s + 3 s + 0.1 s at 100/s, nothing dropped.
    expect(ticks.length).toBe(360);
    const order = ticks.map((t) => t.symbol);
    expect(order).toEqual(Array.from({ length: 360 }, (_, i) => ['B', 'C', 'A'][i % 3]));
    for (let i = 1; i < ticks.length; i++) expect((ticks[i] as UnsequencedTick).ts).toBeGreaterThanOrEqual((ticks[i - 1] as UnsequencedTick).ts);
  });

  it('every wake a little late: the rate still holds', () => {
    const { sim, ticks, run } = walk(1000, ['A']);
    // Each 10 ms wake comes 25 ms late on the clock: 35 ms of ticks per wake.
    run(1000, 25);
    sim.stop();
    expect(ticks.length).toBe(3500);
  });

  it('a rate change keeps what fell due at the old rate', () => {
    const { sim, ticks, run } = walk(100, ['A', 'B']);
    run(1000);
    now += 500; // late: 50 ticks owed at 100/s
    sim.setRate(10);
    run(1000);
    sim.stop();
    expect(ticks.length).toBe(100 + 50 + 10);
  });

  it('owes nothing while there is nothing to walk', () => {
    const { sim, ticks, run } = walk(100, ['A']);
    sim.remove(['A']);
    run(1000);
    sim.add(['A']);
    run(100);
    sim.stop();
    expect(ticks.length).toBe(10);
  });
});
