import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors.js';
import { removeQuietly } from '../files/durable.js';
import { DOWNLOAD_PREFIX, type FileTransfers } from '../files/transfers.js';
import { bearerToken, isAllowedOrigin, tokenMatches } from './guard.js';
import { SECURITY_HEADERS, sendRefusal, sendResult } from './headers.js';

/**
 * The browser host's file endpoints, guarded like /api/invoke (the Host check runs before either):
 *
 * - POST /api/upload?name=<file name>: the launch token as a Bearer header, our Origin (or none), and
 *   `Content-Type: application/octet-stream`, which an HTML form cannot send. The body is streamed to disk and the
 *   answer is a `Result` with the file's opaque id (shared/contract/history.ts `FileRef`).
 * - GET /api/download/<ticket>: our Origin (or none) and a ticket main handed out through the token-guarded API
 *   (random, 256 bits, one download, ten minutes). The token itself never appears in a download address, so it
 *   cannot leak into the browser's download list or history.
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, port: number, token: string, transfers: FileTransfers, url: URL): Promise<void> {
  if (!isAllowedOrigin(req, port)) return sendRefusal(res, 403, 'UNAUTHENTICATED', 'Requests from another origin are refused.', { Connection: 'close' });
  if (req.method !== 'POST') return sendRefusal(res, 405, 'INVALID_INPUT', 'Use POST to upload.', { Allow: 'POST' });
  if (!tokenMatches(bearerToken(req), token)) {
    return sendRefusal(res, 401, 'UNAUTHENTICATED', 'Missing or wrong token.', { 'WWW-Authenticate': 'Bearer', Connection: 'close' });
  }
  if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) {
    return sendRefusal(res, 400, 'INVALID_INPUT', 'Upload the file as application/octet-stream.', { Connection: 'close' });
  }
  try {
    const file = await transfers.receive(req, url.searchParams.get('name') ?? 'upload.csv');
    sendResult(res, 200, { ok: true, data: { fileId: file.fileId, name: file.name, bytes: file.bytes } });
  } catch (err) {
    if (err instanceof AppError) sendResult(res, err.code === 'INVALID_INPUT' ? 413 : 200, { ok: false, error: err.toInfo() }, { Connection: 'close' });
    else throw err;
  }
}

export async function handleDownload(req: IncomingMessage, res: ServerResponse, port: number, transfers: FileTransfers, url: URL): Promise<void> {
  if (!isAllowedOrigin(req, port)) return sendRefusal(res, 403, 'UNAUTHENTICATED', 'Requests from another origin are refused.');
  if (req.method !== 'GET') return sendRefusal(res, 405, 'INVALID_INPUT', 'Use GET to download.', { Allow: 'GET' });
  const ticket = url.pathname.slice(DOWNLOAD_PREFIX.length);
  const offer = /^[A-Za-z0-9_-]{40,64}$/.test(ticket) ? transfers.take(ticket) : undefined;
  if (!offer) return sendRefusal(res, 404, 'NOT_FOUND', 'This download is not available (they work once, for ten minutes).');
  const file = await open(offer.path, 'r').catch(() => null);
  if (!file) return sendRefusal(res, 404, 'NOT_FOUND', 'This download is not available any more.');
  // A staged export goes from the folder as soon as it is open (POSIX keeps an open file readable): however the
  // response ends, nothing of it stays behind, and nobody else can read it meanwhile. Windows refuses to unlink an
  // open file, so there it goes after the response.
  const early = offer.removeAfter && process.platform !== 'win32';
  if (early) await removeQuietly(offer.path);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': offer.contentType,
    'Content-Disposition': `attachment; filename="${offer.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(offer.name)}`,
    'Cache-Control': 'no-store',
  });
  try {
    // The stream closes the handle when it ends or fails.
    await pipeline(file.createReadStream(), res);
  } finally {
    if (offer.removeAfter && !early) await removeQuietly(offer.path);
  }
}
