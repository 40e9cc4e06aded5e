import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { contentType } from '../host/content-types.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../host/headers.js';

/**
 * The renderer loads from app://bourse/ rather than file://: a standard, secure scheme gives the page a real origin
 * (so 'self' in the CSP means only our files, not the whole disk) and lets the IPC check recognise our own page.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bourse';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function isOwnPage(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Serves dist/renderer under app://bourse/ with the same headers as the browser host. */
export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return notFound();
    let file = resolve(root, '.' + decodeURIComponent(url.pathname));
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    if (!(await isFile(file))) {
      // Client-side routes (no extension) get the app shell; a missing asset stays missing.
      if (extname(url.pathname) !== '') return notFound();
      file = join(root, 'index.html');
    }
    const body = await readFile(file);
    return new Response(body, {
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    });
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
