import type { IncomingMessage } from 'node:http';
import { isAllowedHostHeader, isAllowedOriginHeader, loopbackHosts } from '../../feed/request-guard.js';

export { tokenMatches } from '../../feed/request-guard.js';

/** Names this host answers to (the loopback rule of feed/request-guard.ts). */
export function allowedHosts(port: number): Set<string> {
  return loopbackHosts(port);
}

export function isAllowedHost(req: IncomingMessage, port: number): boolean {
  return isAllowedHostHeader(req.headers.host, loopbackHosts(port));
}

export function isAllowedOrigin(req: IncomingMessage, port: number): boolean {
  return isAllowedOriginHeader(req.headers.origin, loopbackHosts(port));
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
