import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PRICES, type SeedPrice } from '../../feed/seed-prices.js';
import type { SubscribeAck, Tick } from '../../shared/market.js';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import { FeedClient } from '../../main/worker/feed-client.js';
import { startFakeCoinbase } from '../fixtures/feed/fake-upstreams.js';
import { nextEvent, sleep, until } from '../fixtures/feed/wait.js';
import { metric, SeqFollower, spawnFeedNode, type NodeProcess } from '../support/feed-cluster.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * The feed cluster on a real Redis (Debian's redis-server on a free loopback port): nodes in this process where the
 * test needs their insides, nodes as their own processes (`npm run feed -- --redis …`) where one must die by SIGKILL.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function redis(): Promise<TestRedis> {
  const r = await startRedis();
  cleanups.push(() => r.stop());
  return r;
}

async function node(url: string, extra: Partial<Parameters<typeof startFeedServer>[0]> = {}): Promise<FeedServer> {
  const s = await startFeedServer({ port: 0, mode: 'simulate', redis: url, rate: 40, seedPrices: SEEDS, ...extra });
  cleanups.push(() => s.close());
  return s;
}

function client(url: string, extra: Partial<ConstructorParameters<typeof FeedClient>[0]> = {}): FeedClient {
  const c = new FeedClient({ url, minUpdateIntervalMs: 0, reconnectDelayMs: 50, reconnectDelayMaxMs: 400, ...extra });
  cleanups.push(() => c.close());
  return c;
}

function follower(urls: string[], symbols: string[], start: number, token: string | null = null): SeqFollower {
  const f = new SeqFollower(urls, symbols, start, token);
  cleanups.push(() => f.close());
  f.connect();
  return f;
}

function inspector(url: string): Redis {
  const r = new Redis(url, { lazyConnect: false });
  r.on('error', () => undefined);
  cleanups.push(() => void r.disconnect());
  return r;
}

/** Lease key → owning node, for every lease in Redis. */
async function leaseOwners(r: Redis): Promise<Map<string, string>> {
  const keys = await r.keys('bourse:feed:lease:*');
  const owners = keys.length ? await r.mget(keys) : [];
  return new Map(keys.map((k, i) => [k.slice('bourse:feed:lease:'.length), owners[i] as string]));
}

const SEEDS: Record<string, SeedPrice> = {
  'BTC-USD': { price: '65000.00', currency: 'USD' },
  'ETH-USD': { price: '3200.00', currency: 'USD' },
  'EUR-USD': { price: '1.0850', currency: 'USD' },
  AAPL: { price: '190.00', currency: 'USD' },
};
const SYMBOLS = Object.keys(SEEDS);

describe('feed cluster', () => {
  it('two nodes: each symbol produced by exactly one node, every tick reaching the clients of both', async () => {
    const r = await redis();
    const a = await node(r.url, { cluster: { node: 'a' } });
    const b = await node(r.url, { cluster: { node: 'b' } });
    // Leases spread to a fair share: two symbols each, every symbol held by exactly one node.
    await until(() => SYMBOLS.every((s) => a.holdsLease(`simulate:${s}`) !== b.holdsLease(`simulate:${s}`)) &&
      SYMBOLS.filter((s) => a.holdsLease(`simulate:${s}`)).length === 2, 10_000);
    const owners = await leaseOwners(inspector(r.url));
    expect([...owners.keys()].sort()).toEqual(SYMBOLS.map((s) => `simulate:${s}`).sort());
    expect(await metric(a.url, 'bourse_feed_leases_held')).toBe(2);
    expect(await metric(b.url, 'bourse_feed_leases_held')).toBe(2);

    const onA = client(a.url);
    const onB = client(b.url);
    await Promise.all([onA.start(), onB.start()]);
    // GOLD has no seed: nothing but the operator's tick below ever ticks it.
    await Promise.all([onA.subscribe([...SYMBOLS, 'GOLD']), onB.subscribe([...SYMBOLS, 'GOLD'])]);
    // Every symbol ticks on both nodes, whichever node produces it.
    const seen = (c: FeedClient) => {
      const got = new Set<string>();
      c.on('update', (p) => got.add(p.symbol));
      return got;
    };
    const seenA = seen(onA);
    const seenB = seen(onB);
    await until(() => SYMBOLS.every((s) => seenA.has(s) && seenB.has(s)), 10_000);

    // An operator's tick sent on one node reaches the other's clients with the cluster's next seq.
    const gotOnB = nextEvent(onB, 'update', (p) => p.symbol === 'GOLD');
    const sent = await a.send({ symbol: 'GOLD', price: '123.45', currency: 'USD', ts: Date.now(), source: 'operator' });
    expect(sent).toMatchObject({ symbol: 'GOLD', price: '123.45' });
    const [onBPrice] = await gotOnB;
    expect(onBPrice).toMatchObject({ price: '123.45', seq: sent?.seq, source: 'operator' });
    expect(a.last('GOLD')?.seq).toBe(sent?.seq);
    expect(b.last('GOLD')?.seq).toBe(sent?.seq);
  });

  it('a node behind Redis when a client subscribes: its present subscribers still get every tick, in order', async () => {
    const r = await redis();
    const a = await node(r.url, { cluster: { node: 'a' } });
    const b = await node(r.url, { cluster: { node: 'b' } });
    // GOLD has no seed: only the operator's ticks below tick it, all sent on node a and reaching b through Redis.
    const gold = (price: string) => a.send({ symbol: 'GOLD', price, currency: 'USD', ts: Date.now(), source: 'operator' });
    const x = await goldFollower(b.url);
    const s0 = await gold('1.00');
    await until(() => x.seqs.includes(s0?.seq ?? -1), 10_000);

    // Node b falls behind: what the cluster stamps waits, unread, in b's subscription to the stamped ticks.
    const sub = b.link?.ticks as Redis;
    sub.stream.pause();
    const behind = [await gold('1.01'), await gold('1.02'), await gold('1.03')];
    // A newcomer on b gets the cluster's last tick, newer than any b has delivered.
    const y = await goldFollower(b.url);
    expect(y.snapshot.map((t) => t.seq)).toEqual([behind[2]?.seq]);
    sub.stream.resume();
    const s4 = await gold('1.04');
    await until(() => x.seqs.includes(s4?.seq ?? -1) && y.seqs.includes(s4?.seq ?? -1), 10_000);
    // The subscriber already there has every tick once, in seq order; the newcomer none it holds in its snapshot.
    expect(x.seqs).toEqual([s0, ...behind, s4].map((t) => t?.seq));
    expect(y.seqs).toEqual([s4?.seq]);
  });

  it('relay mode: one node relays each upstream subscription, so an upstream message reaches each client once', async () => {
    const r = await redis();
    const coinbase = await startFakeCoinbase();
    cleanups.push(() => coinbase.close());
    const relayNode = (name: string) =>
      node(r.url, {
        mode: 'relay',
        fallbackToSimulate: false,
        upstream: { coinbase: { url: coinbase.url, initialBackoffMs: 30, maxBackoffMs: 100 } },
        cluster: { node: name, leaseMs: 1500 },
      });
    const a = await relayNode('a');
    const b = await relayNode('b');
    const symbols = ['BTC-USD', 'ETH-USD', 'SOL-USD', 'BTC-EUR'];
    const onA = client(a.url);
    const onB = client(b.url);
    await Promise.all([onA.start(), onB.start()]);
    await Promise.all([onA.subscribe(symbols), onB.subscribe(symbols)]);
    const lease = (s: string) => `relay:coinbase:${s}`;
    await until(() => symbols.every((s) => a.holdsLease(lease(s)) !== b.holdsLease(lease(s))) &&
      symbols.filter((s) => a.holdsLease(lease(s))).length === 2, 10_000);
    // Until both holders' upstream connections are up, keep sending.
    const prices = (c: FeedClient) => {
      const seen: string[] = [];
      c.on('update', (p) => seen.push(`${p.symbol} ${p.price} ${p.source}`));
      return seen;
    };
    const seenA = prices(onA);
    const seenB = prices(onB);
    for (let round = 1; !symbols.every((s) => onA.price(s) && onB.price(s)); round++) {
      if (round > 100) throw new Error('the relays never came up');
      for (const s of symbols) coinbase.ticker(s, `${round}.00`);
      await sleep(100);
    }
    // Every relay is up: one more round, and once both clients have it for every symbol nothing older is in flight
    // (a symbol's ticks arrive in order), so what comes next is only the round under test.
    for (const s of symbols) coinbase.ticker(s, '500.00');
    await until(() => symbols.every((s) => onA.price(s)?.price === '500.00' && onB.price(s)?.price === '500.00'), 5000);
    seenA.length = 0;
    seenB.length = 0;
    for (const s of symbols) coinbase.ticker(s, '999.00');
    await until(() => symbols.every((s) => onA.price(s)?.price === '999.00' && onB.price(s)?.price === '999.00'), 5000);
    await sleep(300);
    const once = symbols.map((s) => `${s} 999.00 coinbase`).sort();
    expect([...seenA].sort()).toEqual(once);
    expect([...seenB].sort()).toEqual(once);
  });

  it('three nodes: a SIGKILLed node loses its clients to the others within 5 s, its leases move, no seq repeats', async () => {
    const r = await redis();
    const token = 'cluster-secret';
    const nodes: NodeProcess[] = [];
    for (const name of ['n0', 'n1', 'n2']) {
      const n = await spawnFeedNode(['--mode', 'simulate', '--rate', '300', '--redis', r.url, '--node', name], { BOURSE_FEED_TOKEN: token });
      cleanups.push(() => n.stop());
      nodes.push(n);
    }
    const symbols = Object.keys(DEFAULT_SEED_PRICES);
    const urls = nodes.map((n) => n.url);
    const inspect = inspector(r.url);
    const owners = async () => [...(await leaseOwners(inspect)).values()];
    await waitFor(async () => {
      const o = await owners();
      return o.length === symbols.length && ['n0', 'n1', 'n2'].every((n) => o.includes(n));
    }, 15_000);

    // Every node applies the token.
    const stranger = new SeqFollower([urls[0] as string], symbols, 0);
    cleanups.push(() => stranger.close());
    stranger.connect();

    // App clients with the whole list (token in the fragment), spread over the three nodes; bare followers check seqs.
    const clients: FeedClient[] = [];
    for (let i = 0; i < 6; i++) {
      const list = [...urls.slice(i % 3), ...urls.slice(0, i % 3)].map((u) => `${u}#token=${token}`).join(',');
      clients.push(client(list));
    }
    await Promise.all(clients.map((c) => c.start()));
    await Promise.all(clients.map((c) => c.subscribe(symbols)));
    const followers = [0, 1, 2].map((i) => follower(urls, symbols, i, token));
    await until(() => followers.every((f) => f.ticks > 20), 15_000);
    expect(stranger.connects).toBe(0);

    const victim = nodes[2] as NodeProcess;
    const onVictim = clients.filter((c) => c.url === victim.url);
    expect(onVictim.length).toBe(2);
    const back = onVictim.map((c) => nextEvent(c, 'subscribed', (s) => s.length === symbols.length, 5000));
    const killedAt = Date.now();
    await victim.kill();
    // Back within 5 s: resubscribed on another node and receiving ticks there again.
    await Promise.all(back);
    await Promise.all(onVictim.map((c) => nextEvent(c, 'update', (p) => p.receivedAt > killedAt, 5000)));
    for (const c of onVictim) expect(c.url).not.toBe(victim.url);

    // Its leases expire and move to the survivors: each symbol relayed by exactly one live node.
    await waitFor(async () => {
      const o = await owners();
      return o.length === symbols.length && o.every((n) => n === 'n0' || n === 'n1');
    }, 15_000);
    const held = (await Promise.all(urls.slice(0, 2).map((u) => metric(u, 'bourse_feed_leases_held')))).reduce((x, y) => x + y);
    expect(held).toBe(symbols.length);
    // And every symbol ticks again for every client, the victim's included.
    const after = Date.now();
    await Promise.all(
      clients.map((c) => until(() => symbols.every((s) => (c.price(s)?.receivedAt ?? 0) > after), 10_000)),
    );
    const f2 = followers[2] as SeqFollower;
    await until(() => f2.connected && f2.url !== victim.url && (f2.ticksBy.get(f2.url) ?? 0) > 20, 10_000);
    for (const f of followers) expect(f.violations).toEqual([]);
  });

  it('a killed node is noticed by its closed connection, long before its leases expire; a stopped one is not', async () => {
    const r = await redis();
    // A lease lifetime far longer than the test: only the presence check can move leases here.
    const args = (name: string) => ['--mode', 'simulate', '--rate', '100', '--redis', r.url, '--node', name, '--lease-ms', '120000'];
    const nodes: NodeProcess[] = [];
    for (const name of ['p0', 'p1', 'p2']) {
      const n = await spawnFeedNode(args(name));
      cleanups.push(() => n.stop());
      nodes.push(n);
    }
    const symbols = Object.keys(DEFAULT_SEED_PRICES);
    const inspect = inspector(r.url);
    const owners = async () => [...(await leaseOwners(inspect)).values()];
    await waitFor(async () => {
      const o = await owners();
      return o.length === symbols.length && ['p0', 'p1', 'p2'].every((n) => o.includes(n));
    }, 15_000);

    // Stopped (SIGSTOP): alive to Redis (its connections stay open), merely not answering. Its leases stay with it
    // through several rounds of the others.
    const [, slow, victim] = nodes as [NodeProcess, NodeProcess, NodeProcess];
    const slowHeld = (await owners()).filter((n) => n === 'p1').length;
    slow.proc.kill('SIGSTOP');
    await sleep(3000);
    expect((await owners()).filter((n) => n === 'p1').length).toBe(slowHeld);
    slow.proc.kill('SIGCONT');

    // Killed: its connections close, the others free and take its leases although they have ~two minutes to live.
    await victim.kill();
    await waitFor(async () => {
      const o = await owners();
      return o.length === symbols.length && !o.includes('p2');
    }, 15_000);
    expect(await inspect.pttl('bourse:feed:lease:' + [...(await leaseOwners(inspect)).keys()][0])).toBeGreaterThan(60_000);
    expect(await inspect.zrange('bourse:feed:nodes', 0, -1)).not.toContain('p2');
  });

  it('Redis restarted under load: nodes reconnect, delivery resumes, seqs keep rising', async () => {
    const r = await redis();
    const a = await node(r.url, { rate: 200, cluster: { node: 'a', leaseMs: 1500 } });
    const b = await node(r.url, { rate: 200, cluster: { node: 'b', leaseMs: 1500 } });
    const followers = [0, 1].map((i) => follower([a.url, b.url], SYMBOLS, i));
    await until(() => followers.every((f) => f.ticks > 50), 10_000);
    expect(await health(a.url)).toMatchObject({ status: 200, body: { ok: true, redis: 'up', node: 'a' } });

    const lastBefore = Math.max(...followers.map((f) => f.last.get('BTC-USD') ?? 0));
    await r.kill();
    await waitFor(async () => (await health(a.url)).status === 503, 5000);
    expect(await health(a.url)).toMatchObject({ status: 503, body: { ok: false, redis: 'down' } });
    expect(await metric(a.url, 'bourse_feed_redis_up')).toBe(0);
    await r.start();

    const counts = followers.map((f) => f.ticks);
    await until(() => followers.every((f, i) => f.ticks > (counts[i] as number) + 50), 20_000);
    for (const f of followers) expect(f.violations).toEqual([]);
    // The seq counter Redis lost starts again above every seq issued before (the nodes would otherwise drop the new
    // ticks as already seen until the count caught up).
    expect(Number(await inspector(r.url).get('bourse:feed:seq:BTC-USD'))).toBeGreaterThan(lastBefore);
    // Redis came back empty: the wanted set and leases were put back by the nodes.
    expect(await inspector(r.url).scard('bourse:feed:wanted')).toBe(SYMBOLS.length);
    expect(await health(b.url)).toMatchObject({ status: 200, body: { ok: true, redis: 'up' } });
    expect(await metric(a.url, 'bourse_feed_redis_up')).toBe(1);
  });
});

/** A bare socket.io client following GOLD: the seqs of every tick it receives, in arrival order, and its snapshot. */
async function goldFollower(url: string): Promise<{ seqs: number[]; snapshot: Tick[]; socket: Socket }> {
  const socket = connect(url, { transports: ['websocket'], forceNew: true });
  cleanups.push(() => void socket.disconnect());
  const seqs: number[] = [];
  socket.on('tick', (t: Tick) => seqs.push(t.seq));
  socket.on('ticks', (ts: Tick[]) => seqs.push(...ts.map((t) => t.seq)));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const ack = (await socket.emitWithAck('subscribe', { symbols: ['GOLD'] })) as SubscribeAck;
  return { seqs, snapshot: ack.ok ? ack.snapshot : [], socket };
}

async function health(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: await res.json() };
}

async function waitFor(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((res) => setTimeout(res, 50));
  }
}
