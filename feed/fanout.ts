import type { Server } from 'socket.io';
import { FEED_EVENTS, type Tick } from '../shared/market.js';

interface Window {
  ticks: Tick[];
  timer: NodeJS.Timeout | null;
}

/**
 * Sends each tick to its symbol's room, batching per room when the symbol is busy.
 *
 * The first tick of a quiet symbol goes out at once as `tick` and opens a short window; that symbol's ticks arriving
 * inside the window are sent together, in seq order, as one `ticks` array when it ends (and the window reopens while
 * they keep coming). Every tick is delivered: a batch is never conflated.
 *
 * A frame goes to the room, not to each member: socket.io encodes a room broadcast once and writes the same
 * WebSocket frame to every subscriber, so a tick costs one encoding however many clients follow its symbol (sending
 * per client cost one JSON encoding and frame build per subscriber). The broadcast is local: in a cluster each node
 * delivers to its own clients what reached it through Redis.
 *
 * A client joins a room only after taking its snapshot, which may already hold ticks still waiting in the room's
 * window: `flush` sends those to the room's present members before the join, so the newcomer never gets a tick twice.
 */
export class Fanout {
  private readonly windows = new Map<string, Window>();
  sent = 0;

  constructor(
    private readonly io: Server,
    private readonly batchMs: number,
  ) {}

  publish(tick: Tick): void {
    const symbol = tick.symbol;
    let w = this.windows.get(symbol);
    if (w?.timer) {
      w.ticks.push(tick);
      return;
    }
    if (!this.io.sockets.adapter.rooms.has(symbol)) return;
    if (!w) {
      w = { ticks: [], timer: null };
      this.windows.set(symbol, w);
    }
    this.emit(symbol, [tick]);
    w.timer = setTimeout(() => this.tick(symbol), this.batchMs);
  }

  /** Sends what waits in these symbols' windows now (before a new subscriber joins their rooms). */
  flush(symbols: readonly string[]): void {
    for (const s of symbols) {
      const w = this.windows.get(s);
      if (!w?.ticks.length) continue;
      const batch = w.ticks;
      w.ticks = [];
      this.emit(s, batch);
    }
  }

  close(): void {
    for (const w of this.windows.values()) if (w.timer) clearTimeout(w.timer);
    this.windows.clear();
  }

  private tick(symbol: string): void {
    const w = this.windows.get(symbol);
    if (!w) return;
    if (w.ticks.length === 0) {
      // Quiet for a whole window: the next tick goes out at once.
      this.windows.delete(symbol);
      return;
    }
    const batch = w.ticks;
    w.ticks = [];
    this.emit(symbol, batch);
    w.timer = setTimeout(() => this.tick(symbol), this.batchMs);
  }

  private emit(symbol: string, ticks: Tick[]): void {
    const members = this.io.sockets.adapter.rooms.get(symbol)?.size ?? 0;
    if (members === 0) return;
    this.sent += ticks.length * members;
    const room = this.io.local.to(symbol);
    if (ticks.length === 1) room.emit(FEED_EVENTS.tick, ticks[0]);
    else room.emit(FEED_EVENTS.ticks, ticks);
  }
}
