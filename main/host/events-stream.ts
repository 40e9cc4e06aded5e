import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventHub } from '../events.js';
import { SECURITY_HEADERS } from './headers.js';

export const HEARTBEAT_MS = 15_000;

/**
 * One Server-Sent Events stream per client. Each contract event becomes one `data:` message holding the
 * `BourseEvent` JSON. A comment line every 15 s keeps proxies and idle timers from closing a quiet stream, and lets
 * the host notice a vanished client. Returns a function that ends the stream (used when the host shuts down).
 */
export function openEventStream(req: IncomingMessage, res: ServerResponse, events: EventHub, heartbeatMs = HEARTBEAT_MS): () => void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  // The retry hint and the first comment flush the headers so EventSource fires `open` at once.
  res.write('retry: 2000\n: connected\n\n');
  req.socket.setNoDelay(true);
  req.socket.setKeepAlive(true);

  const unsubscribe = events.subscribePage((event) => {
    // JSON.stringify never emits a raw newline, so one `data:` line is always a whole message.
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();

  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  res.once('close', cleanup);
  req.once('close', cleanup);
  return () => {
    cleanup();
    res.end();
  };
}
