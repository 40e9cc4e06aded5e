import WebSocket from 'ws';
import { backoffDelay } from './backoff.js';
import type { UpstreamState } from './types.js';

export interface ReconnectingWsOptions {
  /** Computed at every (re)connect, so a changed symbol set takes effect on the next connection. */
  url: () => string;
  onOpen?: (ws: WebSocket) => void;
  onMessage: (text: string) => void;
  onState: (state: UpstreamState, detail?: string) => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** No message for this long on an open socket → report stale and reconnect (half-open TCP, silent upstream). */
  idleMs?: number;
}

/**
 * A `ws` client that reconnects with jittered exponential backoff and reports live/down. The backoff resets only
 * after the upstream has actually sent data, so a server that accepts and immediately drops us still backs off.
 */
export class ReconnectingWs {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private state: UpstreamState | null = null;

  constructor(private readonly opts: ReconnectingWsOptions) {}

  connect(): void {
    if (this.closed || this.ws) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.opts.url(), { handshakeTimeout: 10_000 });
    } catch (err) {
      this.report('down', (err as Error).message);
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.on('open', () => {
      this.armIdle();
      this.opts.onOpen?.(ws);
    });
    ws.on('message', (data) => {
      this.attempt = 0;
      this.armIdle();
      this.report('live');
      this.opts.onMessage(data.toString());
    });
    ws.on('error', (err) => this.report('down', err.message));
    ws.on('close', () => {
      if (this.ws === ws) this.ws = null;
      this.clearIdle();
      if (this.closed) return;
      this.report('down', 'connection closed');
      this.scheduleRetry();
    });
  }

  /** Drops the current connection and connects again now (used when the symbol set changes). */
  restart(): void {
    if (this.closed) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
    }
    this.clearIdle();
    this.connect();
  }

  send(payload: unknown): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(payload));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.clearIdle();
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.on('error', () => undefined);
        ws.terminate();
      });
    }
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    const delay = backoffDelay(this.attempt++, this.opts.initialBackoffMs ?? 500, this.opts.maxBackoffMs ?? 30_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private armIdle(): void {
    const idleMs = this.opts.idleMs;
    if (!idleMs) return;
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.report('stale', `no message for ${idleMs} ms`);
      this.restart();
    }, idleMs);
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private report(state: UpstreamState, detail?: string): void {
    if (state === this.state) return;
    this.state = state;
    this.opts.onState(state, detail);
  }
}
