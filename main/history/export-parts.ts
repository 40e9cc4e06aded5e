import { once } from 'node:events';
import { open, unlink } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { WriteProgress, WriteResult } from '../export/atomic-writer.js';
import { jsonArrayEnd } from '../export/json-writer.js';
import { commitTemp, removeQuietly, tempPathFor } from '../files/durable.js';
import { partEntry } from './export-part-entry.js';
import { PART_KIND, STOP, type FromPart, type PartData, type ToPart } from './export-part.js';
import type { KeyTuple } from './query.js';
import type { RateBookData } from './rates.js';

/** A part as export.ts plans it: where it starts and how many rows it holds. */
export interface PartRange {
  after: KeyTuple | null;
  limit: number | null;
  firstIndex: number;
}

export type PartsOptions = Omit<PartData, 'kind' | 'after' | 'limit' | 'firstIndex' | 'opening' | 'out' | 'control'>;

interface Part {
  worker: Worker;
  out: string;
  progress: WriteProgress;
  /** Sent its 'go': it is reading and writing. */
  going: boolean;
  done: boolean;
  exited: Promise<void>;
}

/**
 * A split export whose parts hold their read snapshots (export-part.ts). `start` resolves only when every part has
 * taken its snapshot: the caller holds the profile's writer meanwhile, so all of them see the same committed state.
 * `finish` lets them run, joins their files in order into the first part's (a temp file next to the target), and
 * publishes it like every export: fsync, rename, nothing under the final name until the whole file is there.
 */
export class ExportParts {
  private readonly control = new Int32Array(new SharedArrayBuffer(4));
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly parts: Part[],
    private readonly format: 'csv' | 'json',
  ) {}

  static async start(opts: PartsOptions, target: string, ranges: readonly PartRange[]): Promise<ExportParts> {
    const entry = await partEntry();
    const parts: Part[] = [];
    const set = new ExportParts(parts, opts.format);
    const snapped: Promise<void>[] = [];
    for (const [i, range] of ranges.entries()) {
      const out = tempPathFor(target);
      const data: PartData = { ...opts, ...range, kind: PART_KIND, opening: i === 0, out, control: set.control.buffer as SharedArrayBuffer };
      // No execArgv: the part is a plain bundle; run from sources the process has tsx's --import, whose hooks would
      // otherwise load into every part thread (~0.1 s each).
      const worker = new Worker(entry, { workerData: data, execArgv: [] });
      const part: Part = { worker, out, progress: { rows: 0, bytes: 0 }, going: false, done: false, exited: once(worker, 'exit').then(() => undefined) };
      parts.push(part);
      snapped.push(
        new Promise<void>((resolve, reject) => {
          worker.on('message', (m: FromPart) => {
            if (m.type === 'snapped') resolve();
            else if (m.type === 'progress') part.progress = { rows: m.rows, bytes: m.bytes };
            else if (m.type === 'done') {
              part.progress = { rows: m.rows, bytes: m.bytes };
              part.done = true;
            } else set.fail(new Error(`export part ${i}: ${m.message}`));
            if (m.type === 'error') reject(set.failure!);
            set.poke();
          });
          worker.on('error', (err) => {
            set.fail(err);
            reject(err);
            set.poke();
          });
          void part.exited.then(() => {
            if (!part.done) set.fail(new Error(`export part ${i} stopped before its last row`));
            reject(set.failure!);
            set.poke();
          });
        }),
      );
    }
    try {
      await Promise.all(snapped);
    } catch (err) {
      await set.stop();
      throw err;
    }
    return set;
  }

  async finish(target: string, rates: RateBookData, digits: number, signal: AbortSignal, onProgress: (p: WriteProgress) => void): Promise<WriteResult> {
    const onAbort = () => this.poke();
    signal.addEventListener('abort', onAbort);
    try {
      for (const p of this.parts) {
        p.worker.postMessage({ type: 'go', rates, digits } satisfies ToPart);
        p.going = true;
      }
      while (!this.parts.every((p) => p.done)) {
        signal.throwIfAborted();
        if (this.failure) throw this.failure;
        await new Promise<void>((resolve) => (this.wake = resolve));
        onProgress(this.total());
      }
      await Promise.all(this.parts.map((p) => p.exited));
      const first = this.parts[0]!.out;
      const tail = this.format === 'json' ? jsonArrayEnd(this.total().rows) : '';
      const bytes = await append(first, this.parts.slice(1).map((p) => p.out), tail, signal);
      const progress = { rows: this.total().rows, bytes: this.parts[0]!.progress.bytes + bytes };
      await commitTemp(first, target);
      onProgress(progress);
      return { path: target, ...progress };
    } catch (err) {
      await this.stop();
      throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Stops every part and removes their files: a running part stops at its next page (one that does not end within
   * 5 s is terminated); a part still waiting for its 'go' holds only its read transaction and is terminated at once.
   */
  async stop(): Promise<void> {
    Atomics.store(this.control, STOP, 1);
    await Promise.all(
      this.parts.map(async (p) => {
        const timer = setTimeout(() => void p.worker.terminate(), p.going ? 5000 : 0);
        await p.exited;
        clearTimeout(timer);
        await removeQuietly(p.out);
      }),
    );
  }

  private total(): WriteProgress {
    let rows = 0;
    let bytes = 0;
    for (const p of this.parts) {
      rows += p.progress.rows;
      bytes += p.progress.bytes;
    }
    return { rows, bytes };
  }

  private fail(err: Error): void {
    this.failure ??= err;
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}

/** Appends the files `parts` (removing each once copied) and `tail` to `first`; returns the bytes appended. */
async function append(first: string, parts: readonly string[], tail: string, signal: AbortSignal): Promise<number> {
  const dst = await open(first, 'a');
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let bytes = 0;
  try {
    for (const part of parts) {
      const src = await open(part, 'r');
      try {
        for (;;) {
          signal.throwIfAborted();
          const { bytesRead } = await src.read(buf, 0, buf.length, null);
          if (bytesRead === 0) break;
          await dst.write(buf, 0, bytesRead);
          bytes += bytesRead;
        }
      } finally {
        await src.close();
      }
      await unlink(part);
    }
    if (tail) bytes += (await dst.write(tail)).bytesWritten;
  } finally {
    await dst.close();
  }
  return bytes;
}
