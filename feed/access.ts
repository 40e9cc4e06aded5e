import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { isAllowedHostHeader, isAllowedOriginHeader, loopbackHosts, tokenMatches } from './request-guard.js';

export interface FeedAccessOptions {
  /** Clients must present it in the handshake as `auth: { token }`; null serves anyone (and checks no headers). */
  token: string | null;
  /** Host names (with or without `:port`) the server answers to besides 127.0.0.1 and localhost. */
  allowedHosts?: readonly string[];
}

/**
 * The feed's door, for every node alike: with a token, a client must present it in socket.io's handshake
 * (`auth: { token }`), and the upgrade request must carry a Host this server answers to and, from a browser, an Origin
 * of one of those names (the browser host's rules, feed/request-guard.ts), which stops DNS rebinding and other
 * pages. Without a token the feed is open, as it was before tokens (a private network's choice, see
 * docs/feed-cluster.md).
 */
export function guardFeed(io: Server, opts: FeedAccessOptions, port: () => number, bindHost: string): void {
  const { token } = opts;
  if (token === null) return;
  let allowed: Set<string> | null = null;
  const hosts = () => (allowed ??= allowedHostSet(port(), bindHost, opts.allowedHosts ?? []));
  io.engine.opts.allowRequest = (req: IncomingMessage, done) => {
    const ok = isAllowedHostHeader(req.headers.host, hosts()) && isAllowedOriginHeader(req.headers.origin, hosts(), ['http:', 'https:']);
    done(ok ? null : 'foreign Host or Origin', ok);
  };
  io.use((socket, next) => {
    if (tokenMatches((socket.handshake.auth as { token?: unknown } | undefined)?.token, token)) return next();
    const err = new Error('unauthorized') as Error & { data?: unknown };
    err.data = { code: 'unauthorized', message: 'This feed needs its token (auth: { token }).' };
    next(err);
  });
}

function allowedHostSet(port: number, bindHost: string, extra: readonly string[]): Set<string> {
  const set = loopbackHosts(port);
  const add = (name: string) => {
    const n = name.trim().toLowerCase();
    if (!n) return;
    // A bare name is taken with this port and, behind a proxy on the default ports, without one.
    if (/:\d+$/.test(n)) set.add(n);
    else {
      set.add(`${n}:${port}`);
      set.add(n);
    }
  };
  if (!['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(bindHost)) add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  for (const h of extra) add(h);
  return set;
}
