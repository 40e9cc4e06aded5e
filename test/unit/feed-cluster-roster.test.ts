import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Simulator } from '../../feed/simulator.js';
import type { UnsequencedTick } from '../../feed/tick-book.js';

/**
 * A cluster in simulate mode: every node walks the cluster's roster on the wall clock and produces the symbols it
 * holds, so the nodes together tick like one simulator whichever node holds which symbol. Fake timers and a fake
 * clock shared by the "nodes" (simulators in one process).
 */
describe('simulator roster (cluster simulate mode)', () => {
  let now = 1_700_000_000_000;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    now = 1_700_000_000_000;
  });
  afterEach(() => vi.useRealTimers());

  const ROSTER = Array.from({ length: 20 }, (_, i) => `S${String(i).padStart(2, '0')}`);

  const node = (held: string[], out: Array<UnsequencedTick & { node: number }>, id: number, rate = 200) => {
    const sim = new Simulator({ rate, onTick: (t) => out.push({ ...t, node: id }), now: () => now });
    for (const s of ROSTER) sim.setPrice(s, { price: '100.00', currency: 'USD' });
    sim.setRoster(ROSTER);
    sim.add(held);
    sim.start();
    return sim;
  };
  const run = (ms: number) => {
    for (let t = 0; t < ms; t++) {
      now += 1;
      vi.advanceTimersByTime(1);
    }
  };

  it('two nodes holding alternate symbols tick the roster in order, at the cluster rate, like one simulator', () => {
    const ticks: Array<UnsequencedTick & { node: number }> = [];
    const a = node(ROSTER.filter((_, i) => i % 2 === 0), ticks, 0);
    const b = node(ROSTER.filter((_, i) => i % 2 === 1), ticks, 1);
    run(1000);
    a.stop();
    b.stop();
    // 200 ticks/s across the cluster for 1 s, each symbol 10 times: the rate is the cluster's, not each node's.
    expect(ticks.length).toBe(200);
    const bySymbol = new Map<string, number>();
    for (const t of ticks) bySymbol.set(t.symbol, (bySymbol.get(t.symbol) ?? 0) + 1);
    expect([...bySymbol.values()].every((n) => n === 10)).toBe(true);
    // In time order the symbols follow the roster round robin, alternating between the nodes.
    const ordered = [...ticks].sort((x, y) => x.ts - y.ts || ROSTER.indexOf(x.symbol) - ROSTER.indexOf(y.symbol));
    const first = ROSTER.indexOf(ordered[0]?.symbol as string);
    expect(ordered.map((t) => t.symbol)).toEqual(ordered.map((_, i) => ROSTER[(first + i) % ROSTER.length]));
    expect(new Set(ticks.filter((t) => t.node === 0).map((t) => ROSTER.indexOf(t.symbol) % 2))).toEqual(new Set([0]));
  });

  it('neighbouring symbols tick in the same wake whichever node holds them, and wakes fall on the same instants', () => {
    const ticks: Array<UnsequencedTick & { node: number }> = [];
    // A random split, as leases fall.
    const held = ROSTER.filter((_, i) => [0, 3, 4, 7, 9, 10, 15, 16, 18].includes(i));
    const a = node(held, ticks, 0);
    run(3); // the second node starts 3 ms later
    const b = node(ROSTER.filter((s) => !held.includes(s)), ticks, 1);
    run(1000);
    a.stop();
    b.stop();
    // Every wake of either node is on a multiple of 10 ms of the clock.
    expect(ticks.every((t) => t.ts % 10 === 0)).toBe(true);
    // At 200/s a 10 ms wake covers two neighbouring roster slots: both tick at the same instant, from either node.
    const at = new Map<number, string[]>();
    for (const t of ticks) at.set(t.ts, [...(at.get(t.ts) ?? []), t.symbol]);
    const pairs = [...at.values()].filter((syms) => syms.length === 2);
    expect(pairs.length).toBeGreaterThan(90);
    for (const [x, y] of pairs.map((p) => p.map((s) => ROSTER.indexOf(s)).sort((m, n) => m - n))) {
      expect(((y as number) - (x as number) + ROSTER.length) % ROSTER.length === 1 || (x === 0 && y === ROSTER.length - 1)).toBe(true);
    }
  });

  it('a takeover continues the same schedule: the new holder ticks the symbol in its own slots', () => {
    const ticks: Array<UnsequencedTick & { node: number }> = [];
    const a = node(ROSTER.slice(0, 10), ticks, 0);
    const b = node(ROSTER.slice(10), ticks, 1);
    run(500);
    // Node a dies; b takes its symbols.
    a.stop();
    b.add(ROSTER.slice(0, 10));
    run(500);
    b.stop();
    expect(ticks.length).toBe(200);
    const s0 = ticks.filter((t) => t.symbol === 'S00').map((t) => t.ts);
    // One tick per 100 ms round in both halves, whoever produced it.
    for (let i = 1; i < s0.length; i++) expect((s0[i] as number) - (s0[i - 1] as number)).toBe(100);
  });
});
