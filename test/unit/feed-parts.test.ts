import { describe, expect, it, vi } from 'vitest';
import { failoverDelay } from '../../main/worker/backoff.js';
import { randomWalkStep } from '../../feed/random-walk.js';
import { defaultRoute } from '../../feed/routing.js';
import { TickBook } from '../../feed/tick-book.js';
import { rateToDecimalString } from '../../feed/upstream/frankfurter.js';
import { Coalescer } from '../../main/worker/coalescer.js';
import { StaleTracker } from '../../main/worker/stale-tracker.js';
import { PriceString, type Tick } from '../../shared/market.js';

describe('feed parts', () => {
  it('random walk keeps decimal strings at the seed precision and stays positive', () => {
    let p = '0.01';
    for (let i = 0; i < 500; i++) p = randomWalkStep(p, 20, () => 0); // always the largest step down
    expect(p).toBe('0.01');
    expect(randomWalkStep('1.0850', 20, () => 0.999999)).toBe('1.0852'); // +20/100000, half-even at 4 places
    let q = '65000.00';
    for (let i = 0; i < 1000; i++) {
      q = randomWalkStep(q);
      expect(PriceString.safeParse(q).success).toBe(true);
      expect(q).toMatch(/\.\d{2}$/);
    }
  });

  it('stamps seqs that keep rising across a restart', () => {
    let now = 1_700_000_000_000;
    const a = new TickBook(() => now);
    const t = { symbol: 'BTC-USD', price: '1', currency: 'USD', ts: now, source: 't' };
    const s1 = a.stamp(t).seq;
    expect(a.stamp(t).seq).toBe(s1 + 1);
    now += 5;
    const b = new TickBook(() => now);
    expect(b.stamp(t).seq).toBeGreaterThan(s1 + 1);
    expect(a.snapshot(['BTC-USD', 'X'])).toHaveLength(1);
  });

  it('routes fiat pairs to Frankfurter, USD/EUR crypto to Coinbase, other crypto to Binance, stocks nowhere', () => {
    expect(defaultRoute('EUR-USD')).toBe('frankfurter');
    expect(defaultRoute('BTC-USD')).toBe('coinbase');
    expect(defaultRoute('BTC-USDT')).toBe('binance');
    expect(defaultRoute('AAPL')).toBeNull();
  });

  it('turns Frankfurter JSON numbers into plain decimal strings', () => {
    expect(rateToDecimalString(1.0723)).toBe('1.0723');
    expect(rateToDecimalString(165.12)).toBe('165.12');
    expect(rateToDecimalString(1e-7)).toBe('0.0000001');
  });

  it('coalescer: first tick at once, then latest-wins at most once per interval', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const out: string[] = [];
      const c = new Coalescer(100, (t) => out.push(t.price), () => now);
      const tick = (price: string): Tick => ({ symbol: 'A-B', price, currency: 'B', ts: 0, seq: 0, source: 's' });
      c.push(tick('1'), 0);
      for (let i = 2; i <= 50; i++) {
        now = i;
        c.push(tick(String(i)), now);
      }
      expect(out).toEqual(['1']);
      now = 100;
      vi.advanceTimersByTime(100);
      expect(out).toEqual(['1', '50']);
      now = 500;
      c.push(tick('51'), now);
      expect(out).toEqual(['1', '50', '51']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stale tracker: stale until fresh, stale again after its window, per symbol', () => {
    const s = new StaleTracker();
    s.track('BTC-USD', 100);
    s.track('EUR-USD', 1000);
    expect(s.isStale('BTC-USD')).toBe(true);
    expect(s.touch('BTC-USD', 0)).toBe(true);
    expect(s.touch('EUR-USD', 0)).toBe(true);
    expect(s.touch('BTC-USD', 50)).toBe(false);
    expect(s.sweep(120)).toEqual([]);
    expect(s.sweep(150)).toEqual(['BTC-USD']);
    expect(s.markAll()).toEqual(['EUR-USD']);
  });

  it('failover: a lost node waits a random part of the spread, a refused address none, a failed round backs off', () => {
    const opts = { spreadMs: 2000, initialMs: 500, maxMs: 10_000 };
    const at = (r: number) => () => r;
    // Lost its node (first attempt of a round over three addresses): anywhere in [0, spread], by the random draw.
    expect(failoverDelay(1, 3, true, opts, at(0))).toBe(0);
    expect(failoverDelay(1, 3, true, opts, at(0.25))).toBe(500);
    expect(failoverDelay(1, 3, true, opts, at(1))).toBe(2000);
    // The next untried addresses of the round after a refusal: at once.
    expect(failoverDelay(2, 3, false, opts, at(0.9))).toBe(0);
    expect(failoverDelay(3, 3, false, opts, at(0.9))).toBe(0);
    // A whole round failed: jittered exponential backoff, [delay/2, delay].
    expect(failoverDelay(4, 3, false, opts, at(0))).toBe(250);
    expect(failoverDelay(4, 3, false, opts, at(1))).toBe(500);
    expect(failoverDelay(7, 3, true, opts, at(1))).toBe(1000);
    expect(failoverDelay(100, 3, false, opts, at(1))).toBe(10_000);
  });
});
