import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ProviderContext } from '../../main/providers/index.js';
import { startFixtureServer, type FixtureProvider, type FixtureServer } from './fixture-server.js';

export interface FixtureHooks {
  /** The running server (started before the file's first test). */
  readonly server: FixtureServer;
  /** An adapter's context against the server: its base URL, `apiKey`, a 2 s timeout, the file's clock. */
  ctx(p: FixtureProvider, apiKey?: string): ProviderContext;
}

/**
 * The loopback fixture server for one test file: started before its tests and closed after them; before each test
 * its answers and recorded requests are reset and `beforeEachTest` runs (a cache to clear, a scenario to set).
 */
export function useFixtureServer(opts: { now?: () => number; beforeEachTest?: (server: FixtureServer) => void } = {}): FixtureHooks {
  let server: FixtureServer | undefined;
  const running = () => {
    if (!server) throw new Error('the fixture server is not started yet');
    return server;
  };
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    running().reset();
    running().clearRequests();
    opts.beforeEachTest?.(running());
  });
  const now = opts.now ?? Date.now;
  return {
    get server() {
      return running();
    },
    ctx: (p, apiKey) => ({ baseUrl: running().baseUrls[p], apiKey, fetch, timeoutMs: 2000, now }),
  };
}
