/**
 * The export part thread's entry (export-part.ts). The bundles (dist/host/cli.js, dist/electron/main.js) sit one
 * folder below dist/, next to dist/history/export-part.js (scripts/build.mjs). Run from the TypeScript sources
 * (tests, benchmarks, tsx), this module is a .ts file: the part is bundled the same way on first use (devBundle).
 */
export function partEntry(): Promise<URL> {
  if (!import.meta.url.endsWith('.ts')) return Promise.resolve(new URL('../history/export-part.js', import.meta.url));
  return (devEntry ??= devBundle());
}

let devEntry: Promise<URL> | undefined;

/**
 * esbuild's bundle of export-part.ts, as scripts/build.mjs makes it, written once per content under the project's
 * node_modules/.cache, where the packages it imports resolve as they do for the sources. Why not tsx in the worker:
 * Node 20 workers ignore `--import tsx`, and registering it inside each thread costs every export ~0.5 s of CPU (a
 * loader thread, transforms of every module) that the app never pays.
 */
async function devBundle(): Promise<URL> {
  const [{ build }, { createHash }, fs, path, url] = await Promise.all([import('esbuild'), import('node:crypto'), import('node:fs'), import('node:path'), import('node:url')]);
  const out = await build({
    entryPoints: [url.fileURLToPath(new URL('./export-part.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  const dir = url.fileURLToPath(new URL('../../node_modules/.cache/bourse-dev/', import.meta.url));
  const file = path.join(dir, `export-part-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, file);
  }
  return url.pathToFileURL(file);
}
