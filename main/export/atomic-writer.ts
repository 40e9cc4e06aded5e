import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { commitTemp, removeQuietly, tempPathFor } from '../files/durable.js';

/**
 * The part every export format shares: a temp file next to the target, back-pressure, progress, cancellation, and
 * the fsync + rename that publishes the file only when it is whole. On cancel or any error the temp file is removed
 * and nothing ever appears under the final name.
 */
export interface WriteProgress {
  rows: number;
  bytes: number;
}

export interface WriteOptions {
  /** Aborting stops the export at the next chunk; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after each chunk reaches the file's stream (every few hundred rows), and once at the end. */
  onProgress?: (p: WriteProgress) => void;
}

export interface WriteResult extends WriteProgress {
  path: string;
}

export interface Sink {
  /**
   * Queues `chunk` (holding `rows` rows) and resolves once the stream can take more: when its buffer is over the
   * high-water mark it waits for 'drain', so a fast producer never piles the whole export up in memory.
   */
  write(chunk: string, rows: number): Promise<void>;
}

/**
 * A new export file. 'wx': never follow or reuse an existing file; 0600: exports hold the user's financial history.
 * A 1 MiB buffer (about 15 chunks): writes of earlier chunks proceed in libuv's pool while the next ones are encoded,
 * and the producer waits for 'drain' only when the disk is behind. A mark smaller than a chunk (~70 KB) would make
 * every chunk wait for its own write, and on a busy machine for a pool thread to be scheduled. Memory stays bounded
 * by the mark plus one chunk.
 */
export function createExportStream(path: string): WriteStream {
  return createWriteStream(path, { flags: 'wx', mode: 0o600, highWaterMark: 1024 * 1024 });
}

/**
 * The sink over `out` (writeAtomically's, and each thread's of a split history export): back-pressure, the rows and
 * bytes written so far, progress after each chunk, and the stream's first error (`error()`) rethrown at the next write.
 */
export function streamSink(out: WriteStream, opts: WriteOptions = {}): { sink: Sink; progress: WriteProgress; error: () => Error | undefined } {
  const { signal, onProgress } = opts;
  const progress: WriteProgress = { rows: 0, bytes: 0 };
  let streamError: Error | undefined;
  out.on('error', (err) => (streamError ??= err));
  const sink: Sink = {
    async write(chunk, rows) {
      signal?.throwIfAborted();
      if (streamError) throw streamError;
      // Encoded once here (the stream would encode a string itself, and counting its bytes would be a second pass).
      const bytes = Buffer.from(chunk, 'utf8');
      progress.rows += rows;
      progress.bytes += bytes.length;
      if (!out.write(bytes)) await once(out, 'drain', { signal });
      onProgress?.({ ...progress });
    },
  };
  return { sink, progress, error: () => streamError };
}

export async function writeAtomically(final: string, produce: (sink: Sink) => Promise<void>, opts: WriteOptions = {}): Promise<WriteResult> {
  const { signal, onProgress } = opts;
  signal?.throwIfAborted();
  const temp = tempPathFor(final);
  const out = createExportStream(temp);
  const { sink, progress, error } = streamSink(out, opts);
  try {
    await produce(sink);
    signal?.throwIfAborted();
    out.end();
    await once(out, 'close', { signal });
    if (error()) throw error()!;
    // commitTemp fsyncs the file before the rename: the name only ever points at bytes already on disk.
    await commitTemp(temp, final);
    onProgress?.({ ...progress });
    return { path: final, ...progress };
  } catch (err) {
    if (!out.closed) {
      out.destroy();
      await once(out, 'close').catch(() => undefined);
    }
    await removeQuietly(temp);
    throw err;
  }
}
