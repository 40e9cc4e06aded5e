import type { Server } from 'socket.io';
import { FEED_EVENTS, type Tick } from '../shared/market.js';

interface Window {
  ticks: Tick[];
  timer: NodeJS.Timeout | null;
}

/**
 * Sends each tick to the sockets in the symbol's room, batching per client when busy.
 *
 * The first tick to a quiet client goes out at once as `tick` and opens a short window; ticks arriving for that client
 * inside the window are sent together as one `ticks` array when it ends (and the window reopens while they keep
 * coming). Quiet feeds therefore pay no batching delay, and busy ones send one frame per client per window instead of
 * one per tick, which is what keeps 10,000 ticks/s cheap for both ends.
 */
export class Fanout {
  private readonly windows = new Map<string, Window>();
  sent = 0;

  constructor(
    private readonly io: Server,
    private readonly batchMs: number,
  ) {}

  publish(tick: Tick): void {
    const members = this.io.sockets.adapter.rooms.get(tick.symbol);
    if (!members) return;
    for (const sid of members) this.deliver(sid, tick);
  }

  forget(sid: string): void {
    const w = this.windows.get(sid);
    if (w?.timer) clearTimeout(w.timer);
    this.windows.delete(sid);
  }

  close(): void {
    for (const sid of [...this.windows.keys()]) this.forget(sid);
  }

  private deliver(sid: string, tick: Tick): void {
    let w = this.windows.get(sid);
    if (!w) {
      w = { ticks: [], timer: null };
      this.windows.set(sid, w);
    }
    if (w.timer === null) {
      this.emit(sid, [tick]);
      w.timer = setTimeout(() => this.flush(sid), this.batchMs);
    } else {
      w.ticks.push(tick);
    }
  }

  private flush(sid: string): void {
    const w = this.windows.get(sid);
    if (!w) return;
    if (w.ticks.length === 0) {
      w.timer = null;
      return;
    }
    const batch = w.ticks;
    w.ticks = [];
    this.emit(sid, batch);
    w.timer = setTimeout(() => this.flush(sid), this.batchMs);
  }

  private emit(sid: string, ticks: Tick[]): void {
    const socket = this.io.sockets.sockets.get(sid);
    if (!socket) return this.forget(sid);
    this.sent += ticks.length;
    if (ticks.length === 1) socket.emit(FEED_EVENTS.tick, ticks[0]);
    else socket.emit(FEED_EVENTS.ticks, ticks);
  }
}
