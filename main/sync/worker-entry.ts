import { parentPort, workerData } from 'node:worker_threads';
import type { ProvidersConfig } from '../providers/config.js';
import { createProviderRegistry } from '../providers/index.js';
import type { FromWorker, ToWorker } from './messages.js';
import { SyncRunner } from './runner.js';

/**
 * Entry of the background worker thread: it does the network (providers) and holds no database connection; every
 * result goes back to main as a message.
 */
const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');

const { providers } = (workerData ?? {}) as { providers?: ProvidersConfig };
const runner = new SyncRunner(createProviderRegistry({ config: providers ?? {} }), (m: FromWorker) => port.postMessage(m));
port.on('message', (msg: ToWorker) => runner.handle(msg));
