import type { Server, Socket } from 'socket.io';
import { FEED_EVENTS, type Tick, type SubscribeAck } from '../shared/market.js';
import type { StampedTick } from './tick-book.js';

/**
 * A flush writes at most `SLICE_CLIENTS` clients per event-loop turn, and ends a turn early once it has written for
 * `SLICE_MS`. Node's event loop (libuv 1.45 and later, libuv#3696) accepts one connection per turn, so a node takes
 * new connections only as fast as its loop turns: with long turns a dead node's thousand clients wait in the
 * survivor's accept queue, one per turn. A short turn costs one more pass of the loop (a poll that does not wait).
 */
const SLICE_CLIENTS = 32;
const SLICE_MS = 1;

/**
 * Sends each tick to the clients following its symbol, every tick once and in seq order (nothing is conflated), in at
 * most one WebSocket frame per client per window: the cost that grows with the load is one write system call per
 * frame per client, so a client following several symbols gets all of them in one frame rather than one per symbol.
 *
 * - A client following a symbol is in the symbol's socket.io room (only the membership is used: broadcasts would be
 *   one frame per symbol). A tick comes JSON-encoded once (where it was stamped) and is queued, as that text, for each
 *   member.
 * - When the server has been quiet for a whole window, what is queued goes out as soon as the current event-loop turn
 *   ends (so a burst produced in one turn travels together), and a window of `batchMs` opens; what comes during it
 *   goes out when it ends, and the window reopens while ticks keep coming. All clients are written in the same turn.
 * - A frame is the socket.io event a client already understands, `tick` with one tick or `ticks` with several, written
 *   as socket.io's own encoding of that event (an EVENT packet on the main namespace, `2["ticks",[…]]`) straight to
 *   the client's engine.io connection, so the queued text is not parsed and encoded again per client.
 *
 * A client's snapshot may hold a tick newer than any this node has delivered (in a cluster, one still on its way here
 * from the node that stamped it): the client then skips that symbol's ticks up to its snapshot's seq (its floor),
 * while the symbol's other followers get every one of them.
 */
export class Fanout {
  /** Encoded ticks waiting for each client (socket id), in the order they were published. */
  private queued = new Map<string, string[]>();
  /** The frames of a flush still being written, slice by slice (older than anything in `queued`). */
  private writing: Map<string, string[]> | null = null;
  private nextSlice: NodeJS.Immediate | null = null;
  /** symbol → client → the seq of the snapshot tick it holds, above what this node delivered when it subscribed. */
  private readonly floors = new Map<string, Map<string, number>>();
  private windowTimer: NodeJS.Timeout | null = null;
  private flushSoon: NodeJS.Immediate | null = null;
  sent = 0;

  constructor(
    private readonly io: Server,
    private readonly batchMs: number,
  ) {}

  /** Queues a stamped tick, as its JSON text, for its symbol's followers. */
  publish(tick: StampedTick): void {
    const members = this.io.sockets.adapter.rooms.get(tick.symbol);
    if (!members?.size) return;
    const json = tick.json;
    const floors = this.floors.get(tick.symbol);
    for (const sid of members) {
      if (floors?.has(sid)) {
        if (tick.seq <= (floors.get(sid) as number)) continue;
        floors.delete(sid);
        if (floors.size === 0) this.floors.delete(tick.symbol);
      }
      const q = this.queued.get(sid);
      if (q) q.push(json);
      else this.queued.set(sid, [json]);
    }
    if (!this.windowTimer && !this.flushSoon) this.flushSoon = setImmediate(() => this.openWindow());
  }

  /**
   * Answers a subscribe with its snapshot and adds the symbols to the client's subscriptions, in one turn: what was
   * already queued for the client goes out first (it is older than the snapshot), no tick published before the answer
   * reaches it after, and none is lost. `ahead`: snapshot ticks newer than this node has delivered (see the class).
   */
  answer(
    socket: Socket,
    symbols: readonly string[],
    snapshot: Tick[],
    reply: (ack: SubscribeAck) => void,
    ahead: ReadonlyArray<Pick<Tick, 'symbol' | 'seq'>> = [],
  ): void {
    for (const pending of [this.writing, this.queued]) {
      const q = pending?.get(socket.id);
      if (!q) continue;
      pending?.delete(socket.id);
      this.write(socket, q);
    }
    reply({ ok: true, snapshot });
    for (const t of ahead) {
      let floors = this.floors.get(t.symbol);
      if (!floors) this.floors.set(t.symbol, (floors = new Map()));
      floors.set(socket.id, t.seq);
    }
    void socket.join([...symbols]);
  }

  leave(socket: Socket, symbols: readonly string[]): void {
    for (const s of symbols) {
      void socket.leave(s);
      this.dropFloor(s, socket.id);
    }
  }

  forget(sid: string): void {
    this.queued.delete(sid);
    this.writing?.delete(sid);
    for (const s of [...this.floors.keys()]) this.dropFloor(s, sid);
  }

  close(): void {
    if (this.windowTimer) clearTimeout(this.windowTimer);
    if (this.flushSoon) clearImmediate(this.flushSoon);
    if (this.nextSlice) clearImmediate(this.nextSlice);
    this.windowTimer = null;
    this.flushSoon = null;
    this.nextSlice = null;
    this.writing = null;
    this.queued.clear();
    this.floors.clear();
  }

  private openWindow(): void {
    this.flushSoon = null;
    this.flush();
    this.windowTimer = setTimeout(() => this.windowEnd(), this.batchMs);
  }

  private windowEnd(): void {
    this.windowTimer = null;
    // Quiet for a whole window: the next tick goes out at once.
    if (this.queued.size === 0) return;
    this.flush();
    this.windowTimer = setTimeout(() => this.windowEnd(), this.batchMs);
  }

  /**
   * Writes every queued frame in slices of a few clients per event-loop turn (`SLICE_CLIENTS`, `SLICE_MS`): on a busy
   * node a flush to thousands of clients takes long, and connections, handshakes and subscribes (a dead node's clients
   * arriving) are served between its slices instead of after it. A flush still being written when the next window
   * ends takes the new frames after its own.
   */
  private flush(): void {
    if (this.writing) return;
    if (this.queued.size === 0) return;
    this.writing = this.queued;
    this.queued = new Map();
    this.writeSlice();
  }

  private writeSlice(): void {
    this.nextSlice = null;
    const batch = this.writing;
    if (!batch) return;
    const sockets = this.io.sockets.sockets;
    const until = performance.now() + SLICE_MS;
    let n = 0;
    for (const [sid, q] of batch) {
      batch.delete(sid);
      const socket = sockets.get(sid);
      if (socket) this.write(socket, q);
      if (++n === SLICE_CLIENTS || performance.now() >= until) break;
    }
    if (batch.size) {
      this.nextSlice = setImmediate(() => this.writeSlice());
      return;
    }
    this.writing = null;
  }

  private write(socket: Socket, q: string[]): void {
    if (!socket.connected) return;
    this.sent += q.length;
    socket.conn.write(q.length === 1 ? `2["${FEED_EVENTS.tick}",${q[0]}]` : `2["${FEED_EVENTS.ticks}",[${q.join(',')}]]`);
  }

  private dropFloor(symbol: string, sid: string): void {
    const floors = this.floors.get(symbol);
    if (!floors?.delete(sid)) return;
    if (floors.size === 0) this.floors.delete(symbol);
  }
}
