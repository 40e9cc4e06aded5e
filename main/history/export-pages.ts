import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { IN_FLIGHT, READER_KIND, STOP, type ReaderData, type ReaderMessage } from './export-reader.js';

/** Pages posted ahead of the writer: enough to keep both threads busy, few enough that memory stays flat. */
const MAX_IN_FLIGHT = 4;

/**
 * The reader thread's entry. The bundles (dist/host/cli.js, dist/electron/main.js) sit one folder below dist/, next
 * to dist/history/export-reader.js (scripts/build.mjs). Run from the TypeScript sources (tests, benchmarks, tsx),
 * this module is a .ts file: the reader is bundled the same way on first use (see devBundle).
 */
export function readerEntry(): Promise<URL> {
  if (!import.meta.url.endsWith('.ts')) return Promise.resolve(new URL('../history/export-reader.js', import.meta.url));
  return (devEntry ??= devBundle());
}

let devEntry: Promise<URL> | undefined;

/**
 * esbuild's bundle of export-reader.ts, as scripts/build.mjs makes it, written once per content to the temp folder.
 * Why not tsx in the worker: Node 20 workers ignore `--import tsx`, and registering it inside the thread cost each
 * export ~0.5 s of CPU (a loader thread, transforms of every module) that the app never pays. Packages stay
 * imports, by absolute path so they resolve from the temp folder.
 */
async function devBundle(): Promise<URL> {
  const [{ build }, { createRequire }, { createHash }, fs, { tmpdir }, path, url] = await Promise.all([
    import('esbuild'),
    import('node:module'),
    import('node:crypto'),
    import('node:fs'),
    import('node:os'),
    import('node:path'),
    import('node:url'),
  ]);
  const require = createRequire(import.meta.url);
  const out = await build({
    entryPoints: [url.fileURLToPath(new URL('./export-reader.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    plugins: [
      {
        name: 'packages-by-path',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') ? { external: true } : { path: url.pathToFileURL(require.resolve(args.path)).href, external: true }));
        },
      },
    ],
  });
  const code = out.outputFiles[0]!.text;
  const dir = path.join(tmpdir(), 'bourse-dev');
  const file = path.join(dir, `export-reader-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, file);
  }
  return url.pathToFileURL(file);
}

export type ReaderOptions = Omit<ReaderData, 'kind' | 'control' | 'maxInFlight'>;

/**
 * The export's rows, page by page, read by a worker thread (export-reader.ts) from its own snapshot. Leaving the
 * loop early (cancel, a write error) or failing stops the thread and waits for it to close its connection.
 */
export async function* readerPages(opts: ReaderOptions, signal?: AbortSignal): AsyncGenerator<unknown[][]> {
  signal?.throwIfAborted();
  const control = new Int32Array(new SharedArrayBuffer(8));
  const data: ReaderData = { ...opts, kind: READER_KIND, control: control.buffer as SharedArrayBuffer, maxInFlight: MAX_IN_FLIGHT };
  const worker = new Worker(await readerEntry(), { workerData: data });
  const queue: ReaderMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: ReaderMessage) => {
    queue.push(m);
    poke();
  });
  worker.on('error', (err) => {
    failure ??= err;
    poke();
  });
  worker.on('exit', () => {
    exited = true;
    poke();
  });
  signal?.addEventListener('abort', poke);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        if (exited) throw new Error('The export reader stopped before the last page.');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.type === 'done') return;
      if (m.type === 'error') throw new Error(`export reader: ${m.message}`);
      // Taken: the reader may post one more (it waits on this counter when MAX_IN_FLIGHT pages are queued).
      Atomics.sub(control, IN_FLIGHT, 1);
      Atomics.notify(control, IN_FLIGHT);
      yield unflatten(m.values, m.width);
      // One turn of the event loop per page (pages may already be queued): requests, progress and a cancel get through.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    signal?.removeEventListener('abort', poke);
    Atomics.store(control, STOP, 1);
    Atomics.notify(control, IN_FLIGHT);
    // The reader stops at its next page and closes its connection; a thread stuck in SQLite is terminated.
    if (!exited) {
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await once(worker, 'exit').catch(() => undefined);
      clearTimeout(timer);
    }
  }
}

/** The rows of a flattened page (export-reader.ts flatten), as the arrays the export's columns read. */
function unflatten(values: unknown[], width: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 0; i < values.length; i += width) rows.push(values.slice(i, i + width));
  return rows;
}
