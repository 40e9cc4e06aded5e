import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import type { SubscribeAck, Tick } from '../../shared/market.js';
import { until } from '../fixtures/feed/wait.js';

/**
 * A flush to more clients than one slice (feed/fanout.ts writes a few clients per event-loop turn, so a node taking
 * over a dead node's clients serves their handshakes between slices): every client still gets every tick once and in
 * seq order, and clients subscribing while a flush is being written get no tick twice nor one older than their
 * snapshot.
 */
let server: FeedServer | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
  server = null;
});

interface Seen {
  seqs: number[];
  snapshot: number | null;
  socket: Socket;
  /** Index in `seqs` at each later subscribe's answer, and the snapshot seq it carried. */
  answers: Array<{ at: number; seq: number }>;
}

async function subscriber(url: string, symbol: string): Promise<Seen> {
  const s = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  const seen: Seen = { seqs: [], snapshot: null, socket: s, answers: [] };
  sockets.push(s);
  s.on('tick', (t: Tick) => seen.seqs.push(t.seq));
  s.on('ticks', (ts: Tick[]) => ts.forEach((t) => seen.seqs.push(t.seq)));
  await new Promise<void>((resolve, reject) => {
    s.once('connect_error', reject);
    s.once('connect', () =>
      s.emit('subscribe', { symbols: [symbol] }, (ack: SubscribeAck) => {
        if (ack.ok) seen.snapshot = (ack.snapshot as Tick[])[0]?.seq ?? null;
        resolve();
      }),
    );
  });
  return seen;
}

describe('fan-out in slices', () => {
  it('600 clients: every tick to every client once, in order; newcomers during flushes see nothing older than their snapshot', async () => {
    const srv = await startFeedServer({ port: 0, mode: 'simulate', seedPrices: {} });
    server = srv;
    const present: Seen[] = [];
    for (let i = 0; i < 600; i += 50) present.push(...(await Promise.all(Array.from({ length: 50 }, () => subscriber(srv.url, 'GOLD')))));
    const tick = (n: number) => srv.publish({ symbol: 'GOLD', price: `${100 + n}.00`, currency: 'USD', ts: Date.now(), source: 'test' });
    const published: number[] = [];
    const newcomers: Array<Promise<Seen>> = [];
    for (let burst = 0; burst < 10; burst++) {
      for (let i = 0; i < 3; i++) published.push(tick(burst * 3 + i).seq);
      // Subscribes arriving while the burst's flush is written slice by slice: newcomers, and clients already there
      // subscribing again (their snapshot must not overtake ticks already queued for them).
      newcomers.push(subscriber(srv.url, 'GOLD'));
      for (const s of present.slice(burst * 60, burst * 60 + 60)) {
        s.socket.emit('subscribe', { symbols: ['GOLD'] }, (ack: SubscribeAck) => {
          if (ack.ok) s.answers.push({ at: s.seqs.length, seq: (ack.snapshot as Tick[])[0]?.seq ?? -1 });
        });
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const late = await Promise.all(newcomers);
    const last = published.at(-1) as number;
    await until(() => [...present, ...late].every((s) => s.seqs.at(-1) === last || s.snapshot === last), 20_000);
    await until(() => present.every((s) => s.answers.length === 1), 20_000);
    for (const s of present) {
      expect(s.seqs).toEqual(published);
      // Everything delivered after the answer is newer than its snapshot.
      for (const { at, seq } of s.answers) expect(s.seqs.slice(at).every((q) => q > seq)).toBe(true);
    }
    for (const s of late) {
      const from = s.snapshot ?? -Infinity;
      expect(s.seqs).toEqual(published.filter((q) => q > from));
    }
  });
});
