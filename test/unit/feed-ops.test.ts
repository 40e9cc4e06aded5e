import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FeedOps } from '../../feed/ops.js';

/** The feed's /metrics figures (prom-client's real registry) under a fake wall clock: Prometheus scrapes every 15 s by
 *  default, which a test should not wait for. */
describe('feed metrics', () => {
  const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  const ops = () => {
    const totals = { in: 0, out: 0 };
    const feedOps = new FeedOps({
      node: 'n1',
      redisUp: () => null,
      pingRedis: async () => null,
      ticksIn: () => totals.in,
      ticksOut: () => totals.out,
      clients: () => 2,
      subscriptions: () => 2,
      leasesHeld: () => 0,
      statuses: () => [],
    });
    const read = async () => {
      const text = await feedOps.registry.metrics();
      const value = (name: string) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1]);
      return { in: value('bourse_feed_ticks_in_per_second'), out: value('bourse_feed_ticks_out_per_second'), inTotal: value('bourse_feed_ticks_in_total') };
    };
    /** `seconds` pass while ticks flow at `perSecond` in, each to two clients. */
    const flow = (seconds: number, perSecond: number) => {
      totals.in += seconds * perSecond;
      totals.out += 2 * seconds * perSecond;
      vi.setSystemTime(Date.now() + seconds * 1000);
    };
    return { read, flow };
  };

  it('ticks per second while ticks flow, scraped every 15 s', async () => {
    const { read, flow } = ops();
    flow(15, 100);
    expect(await read()).toEqual({ in: 100, out: 200, inTotal: 1500 });
    flow(15, 40);
    expect(await read()).toEqual({ in: 40, out: 80, inTotal: 2100 });
  });

  it('scraped every second: the rate over the last 5 s', async () => {
    const { read, flow } = ops();
    for (let i = 0; i < 10; i++) {
      flow(1, 100);
      expect((await read()).in).toBe(100);
    }
    // Ticks stop: the rate falls as the quiet seconds fill the window.
    flow(1, 0);
    expect((await read()).in).toBe(80);
    for (let i = 0; i < 4; i++) {
      flow(1, 0);
      await read();
    }
    expect(await read()).toMatchObject({ in: 0, out: 0 });
  });
});
