import type { Server, Socket } from 'socket.io';
import { FEED_EVENTS, type Tick } from '../shared/market.js';

interface Window {
  ticks: Tick[];
  timer: NodeJS.Timeout | null;
}

/** A client following at least this many symbols gets its own batches (below); fewer, the symbols' shared frames. */
export const OWN_BATCH_SYMBOLS = 10;
/** Room of a symbol's followers that get their own batches (symbols never start with `~`). */
const own = (symbol: string) => `~${symbol}`;

/**
 * Sends each tick to the clients following its symbol, every tick once and in seq order (a batch is never conflated),
 * in one of two ways by how many symbols a client follows:
 *
 * - A client of a few symbols is in the symbol's room, and gets the room's frames: the first tick of a quiet symbol
 *   goes out at once as `tick` and opens a short window; that symbol's ticks arriving inside it go together as one
 *   `ticks` array when it ends (the window reopens while they keep coming). socket.io encodes a room broadcast once
 *   and writes the same WebSocket frame to every member, so a tick costs one encoding however many clients follow it.
 * - A client of many symbols (the app's watchlist) is in the symbol's `~` room, and gets its own window instead,
 *   across all its symbols: one frame per window for everything it follows, where shared frames would be one per
 *   symbol. Each of its frames is encoded for it alone.
 *
 * A client joins a room only after taking its snapshot, which may hold ticks still waiting in the room's window:
 * `join` first sends those to the room's present members, so the newcomer never gets a tick twice. A client that
 * crosses to many symbols moves to the `~` rooms the same way, and stays there. Broadcasts are local: in a cluster
 * each node delivers to its own clients what reached it through Redis.
 */
export class Fanout {
  private readonly rooms = new Map<string, Window>();
  private readonly clients = new Map<string, Window>();
  private readonly ownBatches = new Set<string>();
  sent = 0;

  constructor(
    private readonly io: Server,
    private readonly batchMs: number,
  ) {}

  publish(tick: Tick): void {
    this.toRoom(tick);
    const members = this.io.sockets.adapter.rooms.get(own(tick.symbol));
    if (members) for (const sid of members) this.toClient(sid, tick);
  }

  /** Adds symbols to a client's subscriptions (after its snapshot was answered, in the same turn). */
  join(socket: Socket, symbols: readonly string[]): void {
    if (!this.ownBatches.has(socket.id)) {
      const current = [...socket.rooms].filter((r) => r !== socket.id);
      if (new Set([...current, ...symbols]).size < OWN_BATCH_SYMBOLS) {
        this.flush(symbols);
        void socket.join([...symbols]);
        return;
      }
      // Crossing over: what waits in its rooms' windows goes to it (and the others) before it leaves them.
      this.flush(current);
      this.ownBatches.add(socket.id);
      for (const r of current) void socket.leave(r);
      void socket.join(current.map(own));
    }
    void socket.join(symbols.map(own));
  }

  leave(socket: Socket, symbols: readonly string[]): void {
    for (const s of symbols) {
      void socket.leave(s);
      void socket.leave(own(s));
    }
  }

  forget(sid: string): void {
    const w = this.clients.get(sid);
    if (w?.timer) clearTimeout(w.timer);
    this.clients.delete(sid);
    this.ownBatches.delete(sid);
  }

  close(): void {
    for (const w of [...this.rooms.values(), ...this.clients.values()]) if (w.timer) clearTimeout(w.timer);
    this.rooms.clear();
    this.clients.clear();
    this.ownBatches.clear();
  }

  /** Sends what waits in these symbols' room windows now. */
  private flush(symbols: readonly string[]): void {
    for (const s of symbols) {
      const w = this.rooms.get(s);
      if (!w?.ticks.length) continue;
      const batch = w.ticks;
      w.ticks = [];
      this.emitRoom(s, batch);
    }
  }

  private toRoom(tick: Tick): void {
    const symbol = tick.symbol;
    const w = this.rooms.get(symbol);
    if (w) return void w.ticks.push(tick);
    if (!this.io.sockets.adapter.rooms.has(symbol)) return;
    this.emitRoom(symbol, [tick]);
    this.rooms.set(symbol, { ticks: [], timer: setTimeout(() => this.roomWindowEnd(symbol), this.batchMs) });
  }

  private roomWindowEnd(symbol: string): void {
    const w = this.rooms.get(symbol);
    if (!w) return;
    if (w.ticks.length === 0) {
      // Quiet for a whole window: its next tick goes out at once.
      this.rooms.delete(symbol);
      return;
    }
    const batch = w.ticks;
    w.ticks = [];
    this.emitRoom(symbol, batch);
    w.timer = setTimeout(() => this.roomWindowEnd(symbol), this.batchMs);
  }

  private emitRoom(symbol: string, ticks: Tick[]): void {
    const members = this.io.sockets.adapter.rooms.get(symbol)?.size ?? 0;
    if (members === 0) return;
    this.sent += ticks.length * members;
    const room = this.io.local.to(symbol);
    if (ticks.length === 1) room.emit(FEED_EVENTS.tick, ticks[0]);
    else room.emit(FEED_EVENTS.ticks, ticks);
  }

  private toClient(sid: string, tick: Tick): void {
    const w = this.clients.get(sid);
    if (w?.timer) return void w.ticks.push(tick);
    this.emitClient(sid, [tick]);
    this.clients.set(sid, { ticks: [], timer: setTimeout(() => this.clientWindowEnd(sid), this.batchMs) });
  }

  private clientWindowEnd(sid: string): void {
    const w = this.clients.get(sid);
    if (!w) return;
    if (w.ticks.length === 0) {
      this.clients.delete(sid);
      return;
    }
    const batch = w.ticks;
    w.ticks = [];
    this.emitClient(sid, batch);
    w.timer = setTimeout(() => this.clientWindowEnd(sid), this.batchMs);
  }

  private emitClient(sid: string, ticks: Tick[]): void {
    const socket = this.io.sockets.sockets.get(sid);
    if (!socket) return this.forget(sid);
    this.sent += ticks.length;
    if (ticks.length === 1) socket.emit(FEED_EVENTS.tick, ticks[0]);
    else socket.emit(FEED_EVENTS.ticks, ticks);
  }
}
