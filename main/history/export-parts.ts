import { open, unlink } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { WriteProgress, WriteResult } from '../export/atomic-writer.js';
import { jsonArrayEnd } from '../export/json-writer.js';
import { commitTemp, removeQuietly, tempPathFor } from '../files/durable.js';
import { JSON_ENVELOPE_TAIL } from './columns.js';
import { partEntry } from './export-part-entry.js';
import { PART_KIND, STOP, type FromPart, type PartData, type PartRange, type ToPart } from './export-part.js';
import type { RateBookData } from './rates.js';

export type PartsOptions = Omit<PartData, 'kind' | 'opening' | 'out' | 'control'>;

interface Part {
  worker: Worker;
  out: string;
  progress: WriteProgress;
  ready: boolean;
  snapped: boolean;
  /** Sent its 'go': it is reading and writing. */
  going: boolean;
  done: boolean;
  /** Not needed after all (fewer ranges than parts): its end is no failure. */
  dropped: boolean;
  exited: Promise<void>;
}

/**
 * The threads of a split export (export-part.ts). `start` starts them and resolves once each has opened its
 * connection; `snap`, called inside the profile writer's turn, resolves once each holds its read snapshot (all the
 * same state: nothing commits during the turn). `finish` gives each its range, joins their files in order into the
 * first part's (a temp file next to the target) and publishes it like every export: fsync, rename, nothing under the
 * final name until the whole file is there.
 */
export class ExportParts {
  private readonly control = new Int32Array(new SharedArrayBuffer(4));
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly parts: Part[],
    private readonly format: 'csv' | 'json',
  ) {}

  static async start(opts: PartsOptions, target: string, count: number): Promise<ExportParts> {
    const entry = await partEntry();
    const set = new ExportParts([], opts.format);
    for (let i = 0; i < count; i++) {
      const out = tempPathFor(target);
      const data: PartData = { ...opts, kind: PART_KIND, opening: i === 0, out, control: set.control.buffer as SharedArrayBuffer };
      // No execArgv: the part is a plain bundle; run from sources the process has tsx's --import, whose hooks would
      // otherwise load into every part thread (~0.1 s each).
      const worker = new Worker(entry, { workerData: data, execArgv: [] });
      const part: Part = { worker, out, progress: { rows: 0, bytes: 0 }, ready: false, snapped: false, going: false, done: false, dropped: false, exited: exitOf(worker) };
      set.parts.push(part);
      worker.on('message', (m: FromPart) => {
        if (m.type === 'ready') part.ready = true;
        else if (m.type === 'snapped') part.snapped = true;
        else if (m.type === 'progress') part.progress = { rows: m.rows, bytes: m.bytes };
        else if (m.type === 'done') {
          part.progress = { rows: m.rows, bytes: m.bytes };
          part.done = true;
        } else set.fail(new Error(`export part ${i}: ${m.message}`));
        set.poke();
      });
      worker.on('error', (err) => {
        set.fail(err);
        set.poke();
      });
      void part.exited.then(() => {
        if (!part.done && !part.dropped) set.fail(new Error(`export part ${i} stopped before its last row`));
        set.poke();
      });
    }
    try {
      await set.until(() => set.parts.every((p) => p.ready));
    } catch (err) {
      await set.stop();
      throw err;
    }
    return set;
  }

  get count(): number {
    return this.parts.length;
  }

  /** Every part takes its read snapshot; call it while nothing can commit (inside the profile writer's turn). */
  async snap(): Promise<void> {
    for (const p of this.parts) p.worker.postMessage({ type: 'snap' } satisfies ToPart);
    await this.until(() => this.parts.every((p) => p.snapped));
  }

  /** Runs one part per range (the parts beyond the ranges are stopped), joins the files and publishes the export. */
  async finish(
    target: string,
    ranges: readonly PartRange[],
    total: number,
    rates: RateBookData,
    digits: number,
    signal: AbortSignal,
    onProgress: (p: WriteProgress) => void,
  ): Promise<WriteResult> {
    const onAbort = () => this.poke();
    signal.addEventListener('abort', onAbort);
    try {
      for (const surplus of this.parts.splice(ranges.length)) {
        surplus.dropped = true;
        void surplus.worker.terminate();
        await surplus.exited;
      }
      for (const [i, p] of this.parts.entries()) {
        p.worker.postMessage({ type: 'go', total, rates, digits, ...ranges[i]! } satisfies ToPart);
        p.going = true;
      }
      await this.until(() => this.parts.every((p) => p.done), signal, () => onProgress(this.total()));
      await Promise.all(this.parts.map((p) => p.exited));
      const first = this.parts[0]!.out;
      const tail = this.format === 'json' ? jsonArrayEnd(this.total().rows, { tail: JSON_ENVELOPE_TAIL }) : '';
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

  /** Resolves when `done()` holds; rejects at a part's failure or the signal's abort. `step` runs at every wake. */
  private async until(done: () => boolean, signal?: AbortSignal, step?: () => void): Promise<void> {
    while (!done()) {
      signal?.throwIfAborted();
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      step?.();
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

/** Resolves when the thread has ended, however it ended (events.once would reject at its 'error' event). */
function exitOf(worker: Worker): Promise<void> {
  return new Promise((resolve) => worker.once('exit', () => resolve()));
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
