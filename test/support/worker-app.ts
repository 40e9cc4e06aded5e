import { compose, type App, type ComposeOptions } from '../../main/compose.js';
import type { ProvidersConfig } from '../../main/providers/config.js';
import { inProcessLink } from '../../main/worker/links.js';
import type { ToWorker, WorkerLink } from '../../main/worker/messages.js';
import { workerHandlers } from '../../main/worker/handlers.js';
import { testComposeOptions } from './options.js';

/** compose's `startWorker` running the background worker's own code on this thread: the real sync runner and feed client. */
export function inProcessWorker(providers: ProvidersConfig): WorkerLink {
  let handle: ((m: ToWorker) => void) | undefined;
  return inProcessLink((msg, post) => (handle ??= workerHandlers(providers, post))(msg));
}

/** A test app (testComposeOptions) with the worker in-process; `extra` adds a feed URL, a `today`, a clock. */
export function composeWithWorker(dataDir: string, extra: Partial<ComposeOptions> = {}): Promise<App> {
  return compose(testComposeOptions(dataDir, { startWorker: inProcessWorker, ...extra }));
}

/** `dispatch` of `app` (read when called, so a test may open the app again), throwing on an error answer. */
export function callerOf(app: () => App): <T>(channel: string, payload: unknown) => Promise<T> {
  return async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await app().dispatch(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.data as T;
  };
}

/** Asks `probe` every 25 ms until `ok` holds for its answer, which it resolves with; throws with the last one after `ms`. */
export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Sets environment variables (the fixture server's provider URLs) until the returned function puts them back. */
export function setEnv(vars: Record<string, string>): () => void {
  const saved = new Map<string, string | undefined>();
  for (const [name, v] of Object.entries(vars)) {
    saved.set(name, process.env[name]);
    process.env[name] = v;
  }
  return () => {
    for (const [name, v] of saved) {
      if (v === undefined) delete process.env[name];
      else process.env[name] = v;
    }
  };
}
