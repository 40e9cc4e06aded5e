import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { contentType } from './content-types.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './headers.js';

/**
 * Serves the built renderer. Paths without a file extension fall back to index.html so client-side routes survive a
 * reload; a missing asset stays a 404 so a broken build is visible instead of answering HTML for a script.
 */
export function createStaticHandler(distDir: string) {
  const root = resolve(distDir);
  const index = join(root, 'index.html');

  return async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendText(res, 400, 'Bad path');
      return;
    }
    if (decoded.includes('\0')) {
      sendText(res, 400, 'Bad path');
      return;
    }
    const candidate = resolve(root, '.' + decoded);
    // resolve() has already collapsed any `..`; a result outside the root means the path tried to climb out.
    if (candidate !== root && !candidate.startsWith(root + sep)) {
      sendText(res, 404, 'Not found');
      return;
    }
    let file = (await isFile(candidate)) ? candidate : null;
    if (!file && extname(decoded) === '' && (await isFile(index))) file = index;
    if (!file) {
      const missing = (await isFile(index)) ? 'Not found' : 'The renderer is not built yet: run `npm run build`.';
      sendText(res, 404, missing);
      return;
    }
    const info = await stat(file);
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentType(file),
      'Content-Length': info.size,
      // Vite fingerprints everything under assets/; the HTML must always be revalidated to pick up a new build.
      'Cache-Control': !isHtml && relative(root, file).startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    ...extra,
  });
  res.end(text);
}
