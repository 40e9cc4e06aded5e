import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastTicks } from '../../feed/cluster/last-ticks.js';
import { decodeStamped, Stamper } from '../../feed/cluster/stamper.js';
import type { StampedTick } from '../../feed/tick-book.js';
import type { Tick } from '../../shared/market.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { until } from '../fixtures/feed/wait.js';

/**
 * The stamp script on a real Redis: what it publishes is the stamped ticks as lines a node reads without parsing
 * their JSON, fenced by the leases; and a node's snapshot reads of one event-loop turn share one command.
 */
let redis: TestRedis;
let cmd: Redis;
let sub: Redis;
const channel = 't:ticks';
const published: StampedTick[][] = [];

beforeAll(async () => {
  redis = await startRedis();
  cmd = new Redis(redis.url);
  sub = new Redis(redis.url);
  await sub.subscribe(channel);
  sub.on('message', (_c: string, m: string) => published.push(decodeStamped(m)));
});

afterAll(async () => {
  await cmd.quit();
  await sub.quit();
  await redis.stop();
});

const tick = (symbol: string, price: string) => ({ symbol, price, currency: 'USD', ts: 1_700_000_000_000, source: 'test' });

describe('stamping in Redis', () => {
  it('publishes a batch as symbol, seq and JSON lines, in order, without the ticks whose lease is not this node’s', async () => {
    const dropped: number[] = [];
    const stamper = new Stamper({ redis: cmd, prefix: 't:', node: 'n1', channel, batchMs: 5, stamped: () => undefined, dropped: (n) => dropped.push(n) });
    await cmd.set('t:lease:simulate:AAA', 'n1');
    await cmd.set('t:lease:simulate:BBB', 'n2');
    await cmd.set('t:seq:AAA', '41');
    stamper.push('simulate:AAA', tick('AAA', '1.00'));
    stamper.push('simulate:BBB', tick('BBB', '2.00'));
    stamper.push('simulate:AAA', tick('AAA', '1.01'));
    stamper.push('simulate:CCC', tick('CCC', '3.00'));
    await stamper.drain();
    await until(() => published.length === 1);
    const batch = published[0] as StampedTick[];
    expect(batch.map((t) => [t.symbol, t.seq])).toEqual([
      ['AAA', 42],
      ['AAA', 43],
    ]);
    expect(batch.map((t) => JSON.parse(t.json) as Tick)).toEqual([
      { ...tick('AAA', '1.00'), seq: 42 },
      { ...tick('AAA', '1.01'), seq: 43 },
    ]);
    expect(dropped).toEqual([2]);
    // The later of a symbol's two ticks in one batch is its last.
    expect(JSON.parse((await cmd.hget('t:last', 'AAA')) as string)).toEqual({ ...tick('AAA', '1.01'), seq: 43 });
    expect(await cmd.hget('t:last', 'BBB')).toBeNull();
    stamper.close();
  });

  it('starts a symbol without a counter at the clock in microseconds, above any seq issued before', async () => {
    const stamper = new Stamper({ redis: cmd, prefix: 't:', node: 'n1', channel, batchMs: 5, stamped: () => undefined, dropped: () => undefined });
    const before = Date.now() * 1000;
    const one = await stamper.stampOne(tick('DDD', '4.00'));
    const two = await stamper.stampOne(tick('DDD', '4.01'));
    expect(one?.seq).toBeGreaterThanOrEqual(before);
    expect(two?.seq).toBe((one?.seq as number) + 1);
    stamper.close();
  });

  it('skips lines that are not a stamped tick', () => {
    expect(decodeStamped('[{"symbol":"AAA"}]')).toEqual([]);
    expect(decodeStamped('AAA\nx\n{"a":1}\nBBB\n7\n{"b":2}')).toEqual([{ symbol: 'BBB', seq: 7, json: '{"b":2}' }]);
  });

  it('answers the snapshot reads of one event-loop turn with one HMGET, each caller its own symbols', async () => {
    for (const [s, seq] of [['EEE', 5], ['FFF', 6]] as const) await cmd.hset('t:last', s, JSON.stringify({ ...tick(s, '9.00'), seq }));
    const reads = new LastTicks(cmd, 't:last');
    await cmd.config('RESETSTAT');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => reads.read(i % 2 ? ['EEE', 'ZZZ'] : ['FFF', 'EEE'])));
    expect(answers[0]?.map((t) => [t.symbol, t.seq])).toEqual([['FFF', 6], ['EEE', 5]]);
    expect(answers[1]?.map((t) => [t.symbol, t.seq])).toEqual([['EEE', 5]]);
    const stats = await cmd.info('commandstats');
    expect(/cmdstat_hmget:calls=(\d+)/.exec(stats)?.[1]).toBe('1');
  });
});
