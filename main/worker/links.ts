import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerLink } from './messages.js';

/**
 * The background worker as a worker_threads Worker (browser host; also usable in Electron's main). Messages are
 * structured-cloned across the thread boundary exactly as they would cross a utilityProcess port.
 */
export function workerThreadLink(entry: string | URL, workerData: unknown, execArgv: string[] = []): WorkerLink {
  const worker = new Worker(entry, { workerData, execArgv });
  const listeners: ((m: FromWorker) => void)[] = [];
  worker.on('message', (m: FromWorker) => listeners.forEach((l) => l(m)));
  worker.on('error', (err) => console.error('background worker failed', err));
  return {
    post: (msg) => worker.postMessage(msg),
    onMessage: (cb) => listeners.push(cb),
    close: async () => {
      worker.postMessage({ type: 'shutdown' } satisfies ToWorker);
      await worker.terminate();
    },
  };
}

/**
 * The same worker code run on this thread: for tests and benchmarks that want the real runner without paying for a
 * thread start-up. Delivery is deferred a macrotask each way, as it is across a real port.
 */
export function inProcessLink(handle: (msg: ToWorker, post: (m: FromWorker) => void) => void): WorkerLink {
  const listeners: ((m: FromWorker) => void)[] = [];
  const post = (m: FromWorker) => setImmediate(() => listeners.forEach((l) => l(m)));
  return {
    post: (msg) => setImmediate(() => handle(structuredClone(msg), post)),
    onMessage: (cb) => listeners.push(cb),
    close: async () => undefined,
  };
}
