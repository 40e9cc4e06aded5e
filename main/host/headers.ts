import type { ServerResponse } from 'node:http';
import type { ErrorCode, Result } from '../../shared/errors.js';

/**
 * The renderer needs nothing beyond its own origin: bundled scripts, its stylesheet (React sets inline `style`
 * attributes, hence 'unsafe-inline' for styles only), data: images for icons, and fetch/EventSource to this host.
 * The Electron window serves the same policy from its app:// protocol.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent on every response, data or not: a stray JSON or asset response should never be sniffed, framed or leak a referrer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function sendResult(res: ServerResponse, status: number, result: Result<unknown>, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(result);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

export function sendRefusal(res: ServerResponse, status: number, code: ErrorCode, message: string, extra?: Record<string, string>): void {
  sendResult(res, status, { ok: false, error: { code, message } }, extra);
}
