import { describe, expect, it } from 'vitest';
import { FirstPage } from '../../main/portfolio/first-page.js';
import { axisTicks } from '../../renderer/src/format/portfolio-chart.js';

const days = (n: number) => Array.from({ length: n }, (_, i) => ({ date: `d${String(i).padStart(4, '0')}` }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the value chart axis ticks', () => {
  it('are at most the count asked, evenly spaced, the first and last day included, in order', () => {
    const points = days(600);
    const ticks = axisTicks(points, 6);
    expect(ticks).toEqual(['d0000', 'd0120', 'd0240', 'd0359', 'd0479', 'd0599']);
  });

  it('are every day when there are no more days than ticks, and none for none', () => {
    expect(axisTicks(days(4), 6)).toEqual(['d0000', 'd0001', 'd0002', 'd0003']);
    expect(axisTicks([], 6)).toEqual([]);
  });

  it('never repeat a day, whatever the number of points', () => {
    for (let n = 1; n <= 40; n++) {
      const ticks = axisTicks(days(n), 6);
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(ticks[0]).toBe('d0000');
      expect(ticks.at(-1)).toBe(days(n).at(-1)!.date);
    }
  });
});

describe('the first page before the sign-in planning', () => {
  it('runs what waits once the first portfolio answer is out, not before, and once', async () => {
    const gate = new FirstPage();
    let ran = 0;
    gate.hold(5_000, () => ran++);
    await sleep(20);
    expect(ran).toBe(0);
    gate.answered();
    // After the transport wrote the answer (the next macrotask), not inside the handler.
    expect(ran).toBe(0);
    await sleep(20);
    expect(ran).toBe(1);
    expect(gate.holding).toBe(false);
    gate.answered();
    await sleep(20);
    expect(ran).toBe(1);
  });

  it('runs it after the longest wait when no portfolio answer comes', async () => {
    const gate = new FirstPage();
    let ran = 0;
    gate.hold(30, () => ran++);
    await sleep(80);
    expect(ran).toBe(1);
    gate.answered();
    await sleep(20);
    expect(ran).toBe(1);
  });

  it('lets a new sign-in replace what an earlier one left waiting', async () => {
    const gate = new FirstPage();
    const ran: string[] = [];
    gate.hold(5_000, () => ran.push('first'));
    gate.hold(5_000, () => ran.push('second'));
    gate.answered();
    await sleep(20);
    expect(ran).toEqual(['second']);
  });

  it('does nothing on an answer when nothing waits', async () => {
    const gate = new FirstPage();
    gate.answered();
    await sleep(10);
    expect(gate.holding).toBe(false);
  });
});
