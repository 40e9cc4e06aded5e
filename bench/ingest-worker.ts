import { parentPort, workerData } from 'node:worker_threads';
import { addDays } from '../shared/fx.js';
import type { DailyBar } from '../shared/market.js';
import type { FromWorker, ToWorker } from '../main/worker/messages.js';
import { dayIndex, INGEST_SOURCE, syntheticRate } from './ingest-data.js';

/**
 * Stand-in for the background worker in the ingest benchmark: speaks the same messages as main/worker/entry.ts
 * (`sync:start` in, one `sync:batch` per chunk then `sync:done` out) but makes up the bars instead of fetching them,
 * so the figure is main's write path plus the thread hop, not the network. Jobs run one after another: with no
 * network latency to hide, running several at once would only interleave the B-tree inserts.
 */
const port = parentPort;
if (!port) throw new Error('the ingest bench worker must run in a worker thread');

const queue: Extract<ToWorker, { type: 'sync:start' }>[] = [];
let busy = false;
let stopped = false;

function pairIndexOf(symbol: string, pairs: readonly string[]): number {
  const i = pairs.indexOf(symbol);
  return i < 0 ? 0 : i;
}

const { pairs } = workerData as { pairs: string[] };

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  while (queue.length && !stopped) {
    const job = queue.shift()!;
    const p = pairIndexOf(job.target.symbol, pairs);
    for (let i = job.startAt; i < job.chunks.length && !stopped; i++) {
      const { from, to } = job.chunks[i]!;
      const bars: DailyBar[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) bars.push({ date: d, close: syntheticRate(p, dayIndex(d)) });
      const quote = job.target.symbol.split('-')[1] ?? '';
      port!.postMessage({
        type: 'sync:batch',
        jobId: job.jobId,
        chunkIndex: i,
        target: job.target,
        currency: quote,
        provider: INGEST_SOURCE,
        bars,
        attempts: [{ provider: INGEST_SOURCE, outcome: 'ok' }],
      } satisfies FromWorker);
    }
    port!.postMessage({ type: 'sync:done', jobId: job.jobId } satisfies FromWorker);
    // Yield between jobs so a shutdown or further sync:start messages are seen, as the real worker's event loop would.
    await new Promise((r) => setImmediate(r));
  }
  busy = false;
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'sync:start') {
    queue.push(msg);
    void drain();
  } else if (msg.type === 'shutdown') stopped = true;
});
