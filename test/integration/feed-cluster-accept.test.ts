import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import type { SubscribeAck, Tick } from '../../shared/market.js';
import { until } from '../fixtures/feed/wait.js';

/**
 * Node's event loop (libuv 1.45 and later) accepts one connection per turn, so a node whose flush to its clients
 * takes few, long turns leaves newcomers in its accept queue until the flush is written: a survivor taking over a dead
 * node's clients took them at the pace of its turns. The fan-out writes in short slices (feed/fanout.ts), so
 * connections waiting when a flush starts are accepted while it is being written.
 */
let server: FeedServer | null = null;
const sockets: Socket[] = [];
const raw: TcpSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const s of raw.splice(0)) s.destroy();
  await server?.close();
  server = null;
});

function subscriber(url: string, onTick: () => void): Promise<void> {
  const s = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(s);
  s.on('tick', (t: Tick) => t.symbol === 'GOLD' && onTick());
  return new Promise<void>((resolve, reject) => {
    s.once('connect_error', reject);
    s.once('connect', () => s.emit('subscribe', { symbols: ['GOLD'] }, (ack: SubscribeAck) => (ack.ok ? resolve() : reject(new Error('refused')))));
  });
}

describe('accepting during a flush', () => {
  it('connections waiting when a flush to 600 clients starts are accepted before its last client has the tick', async () => {
    const srv = await startFeedServer({ port: 0, mode: 'simulate', seedPrices: {} });
    server = srv;
    let got = 0;
    let accepted = 0;
    /** Connections accepted when the last of the 600 clients got the tick. */
    let acceptedWhenAllHadIt = -1;
    const onTick = () => {
      if (++got === 600) acceptedWhenAllHadIt = accepted;
    };
    for (let i = 0; i < 600; i += 50) await Promise.all(Array.from({ length: 50 }, () => subscriber(srv.url, onTick)));
    srv.io.httpServer.on('connection', () => void accepted++);
    const waiting = 8;
    // The tick queues a frame for each of the 600 clients, written from the next turn on; the 8 connections are
    // opened in this turn, so all of them wait in the accept queue before the flush begins.
    srv.publish({ symbol: 'GOLD', price: '101.00', currency: 'USD', ts: Date.now(), source: 'test' });
    for (let i = 0; i < waiting; i++) {
      const s = tcpConnect(srv.port, '127.0.0.1');
      s.on('error', () => undefined);
      raw.push(s);
    }
    await until(() => got === 600 && accepted === waiting, 20_000);
    expect(acceptedWhenAllHadIt).toBe(waiting);
  });
});
