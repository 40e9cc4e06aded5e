import { parentPort, workerData } from 'node:worker_threads';
import type { ProvidersConfig } from '../providers/config.js';
import type { ToWorker } from './messages.js';
import { workerHandlers } from './handlers.js';

/**
 * The background worker (docs/design.md#processes): all network work — historical sync through the providers and the
 * live feed — with no database connection. Everything it learns goes to main as messages; main is the only writer.
 */
const port = parentPort;
if (!port) throw new Error('the background worker must run in a worker thread');

const { providers } = (workerData ?? {}) as { providers?: ProvidersConfig };
const handle = workerHandlers(providers ?? {}, (m) => port.postMessage(m));
port.on('message', (msg: ToWorker) => handle(msg));
