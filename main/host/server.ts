import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS_PATH, INVOKE_PATH, MAX_BODY_BYTES, TOKEN_PARAM } from '../../shared/transport.js';
import { compose, type App, type ComposeOptions } from '../compose.js';
import type { Logger } from '../dispatch.js';
import { openConfStore } from '../settings/conf-store.js';
import type { KeyValueStore } from '../settings/key-value.js';
import { BodyTooLarge, readBody } from './body.js';
import { openEventStream } from './events-stream.js';
import { DOWNLOAD_PREFIX, UPLOAD_PATH } from '../files/transfers.js';
import { handleDownload, handleUpload } from './files.js';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './guard.js';
import { sendRefusal, sendResult } from './headers.js';
import { createStaticHandler } from './static.js';

/** Only the loopback interface: the host must never be reachable from another machine. */
export const HOST_ADDRESS = '127.0.0.1';

export interface HostOptions {
  /** Folder of app.db and profiles; ignored when `app` is given. */
  dataDir?: string;
  /** An already composed app (tests); otherwise the host composes one on `dataDir` and closes it on close(). */
  app?: App;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (index.html + assets). */
  distDir: string;
  /** Defaults to conf on `<dataDir>/settings.json`. */
  settings?: KeyValueStore;
  scryptCost?: number;
  logger?: Logger;
  /** Fixed token for tests; by default 32 random bytes per launch. */
  token?: string;
  maxBodyBytes?: number;
  heartbeatMs?: number;
  /** The background worker (provider sync, live feed); see ComposeOptions.startWorker. */
  startWorker?: ComposeOptions['startWorker'];
}

export interface Host {
  /** http://127.0.0.1:<port>/?token=<token>: what the user opens. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  token: string;
  app: App;
  close(): Promise<void>;
}

/** The browser host: the built renderer plus the contract's channels and events over HTTP (shared/transport.ts). */
export async function startHost(opts: HostOptions): Promise<Host> {
  const ownsApp = !opts.app;
  let app: App;
  if (opts.app) {
    app = opts.app;
  } else {
    if (!opts.dataDir) throw new Error('startHost needs either app or dataDir');
    app = await compose({
      dataDir: opts.dataDir,
      settings: opts.settings ?? openConfStore(opts.dataDir),
      ...(opts.scryptCost !== undefined ? { scryptCost: opts.scryptCost } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(opts.startWorker ? { startWorker: opts.startWorker } : {}),
    });
  }
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const serveStatic = createStaticHandler(opts.distDir);
  const streams = new Set<() => void>();
  const log = opts.logger ?? { error: (m: string, e?: unknown) => console.error(m, e) };
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req, port)) {
      sendRefusal(res, 403, 'UNAUTHENTICATED', 'This host only answers to 127.0.0.1 and localhost.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${HOST_ADDRESS}:${port}`);
    if (url.pathname === INVOKE_PATH) return invoke(req, res);
    if (url.pathname === EVENTS_PATH) return events(req, res, url);
    if (url.pathname === UPLOAD_PATH) return handleUpload(req, res, port, token, app.transfers, url);
    if (url.pathname.startsWith(DOWNLOAD_PREFIX)) return handleDownload(req, res, port, app.transfers, url);
    if (url.pathname.startsWith('/api/')) {
      sendRefusal(res, 404, 'NOT_FOUND', 'There is no such API path.');
      return;
    }
    return serveStatic(req, res, url.pathname);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedOrigin(req, port)) {
      sendRefusal(res, 403, 'UNAUTHENTICATED', 'Requests from another origin are refused.', { Connection: 'close' });
      return;
    }
    if (req.method !== 'POST') {
      sendRefusal(res, 405, 'INVALID_INPUT', `Use POST ${INVOKE_PATH}.`, { Allow: 'POST' });
      return;
    }
    if (!tokenMatches(bearerToken(req), token)) {
      sendRefusal(res, 401, 'UNAUTHENTICATED', 'Missing or wrong token: open the address Bourse printed at start.', {
        'WWW-Authenticate': 'Bearer',
        Connection: 'close',
      });
      return;
    }
    // Requiring JSON keeps HTML forms (which cannot set this type) out, on top of the token.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      sendRefusal(res, 400, 'INVALID_INPUT', 'The body must be JSON (Content-Type: application/json).', { Connection: 'close' });
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, limit);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        sendRefusal(res, 413, 'INVALID_INPUT', `The request body is larger than ${limit} bytes.`, { Connection: 'close' });
      } else {
        res.destroy();
      }
      return;
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(raw.toString('utf8'));
    } catch {
      sendRefusal(res, 400, 'INVALID_INPUT', 'The body is not valid JSON.');
      return;
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
      sendRefusal(res, 400, 'INVALID_INPUT', 'The body must be an object {channel, payload}.');
      return;
    }
    const { channel, payload } = envelope as { channel?: unknown; payload?: unknown };
    // dispatch validates channel and payload and never throws; a Result always comes back as HTTP 200.
    sendResult(res, 200, await app.dispatch(channel, payload));
  }

  function events(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!isAllowedOrigin(req, port)) {
      sendRefusal(res, 403, 'UNAUTHENTICATED', 'Requests from another origin are refused.');
      return;
    }
    if (req.method !== 'GET') {
      sendRefusal(res, 405, 'INVALID_INPUT', `Use GET ${EVENTS_PATH}.`, { Allow: 'GET' });
      return;
    }
    if (!tokenMatches(url.searchParams.get(TOKEN_PARAM), token)) {
      sendRefusal(res, 401, 'UNAUTHENTICATED', 'Missing or wrong token.');
      return;
    }
    const end = openEventStream(req, res, app.events, opts.heartbeatMs);
    streams.add(end);
    res.once('close', () => streams.delete(end));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error('browser host request failed', err);
      if (!res.headersSent) sendRefusal(res, 500, 'INTERNAL', 'Something went wrong inside Bourse.');
      else res.destroy();
    });
  });
  // A slow client must not hold a socket forever; SSE streams are exempt through their heartbeat traffic.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  try {
    await listen(server, opts.port ?? 0);
  } catch (err) {
    if (ownsApp) await app.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST_ADDRESS}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?${TOKEN_PARAM}=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    app,
    close() {
      closing ??= (async () => {
        for (const end of streams) end();
        streams.clear();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // In-flight calls get a moment to answer; then whatever is left is cut so shutdown cannot hang.
          setTimeout(() => server.closeAllConnections(), 2_000).unref();
        });
        if (ownsApp) await app.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, HOST_ADDRESS, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
