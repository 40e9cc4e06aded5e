import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The request rules shared by the browser host (main/host) and the feed server (feed/): which Host and Origin headers
 * a loopback service answers, and how a presented token is compared. Pure functions over header values, so each
 * server applies them in its own way (HTTP handler, socket.io handshake) without a second copy of the rule.
 */

/** Names a loopback service on `port` answers to. Any other Host is a DNS-rebinding attempt (a foreign name
 *  resolving to 127.0.0.1). */
export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function isAllowedHostHeader(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  return host !== undefined && allowed.has(host.toLowerCase());
}

/**
 * Browsers attach Origin to cross-origin requests (and WebSocket handshakes); a page from another origin must never
 * get through even if it somehow held the token. Non-browser clients send no Origin and are judged by the token alone.
 */
export function isAllowedOriginHeader(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
  protocols: readonly string[] = ['http:'],
): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return protocols.includes(url.protocol) && allowed.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

/** Compares digests so neither the length nor the content of the token leaks through timing. */
export function tokenMatches(candidate: unknown, token: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0) return false;
  return timingSafeEqual(digest(candidate), digest(token));
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
