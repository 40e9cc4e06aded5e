// Builds everything the app runs from into dist/: the renderer (Vite) and the Node/Electron bundles (esbuild).
// `npm run build` always rebuilds; `npm run web` and `npm start` call build({ renderer: 'auto' }), which skips the
// slow renderer build when dist/renderer is newer than every file it is made from.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');

/** Entry points bundled with esbuild. Dependencies stay in node_modules (packages: 'external') except for preload. */
const bundles = [
  {
    entryPoints: [join(root, 'main/host/cli.ts')],
    outfile: join(dist, 'host/cli.js'),
    format: 'esm',
    packages: 'external',
  },
  {
    // The background worker thread (provider sync, live feed), started by the browser host and the desktop app.
    entryPoints: [join(root, 'main/worker/entry.ts')],
    outfile: join(dist, 'worker/entry.js'),
    format: 'esm',
    packages: 'external',
  },
  {
    // A part of a split history export (its own thread), started by main/history/export-parts.ts from the host and
    // Electron bundles.
    entryPoints: [join(root, 'main/history/export-part.ts')],
    outfile: join(dist, 'history/export-part.js'),
    format: 'esm',
    packages: 'external',
  },
  {
    entryPoints: [join(root, 'main/electron/main.ts')],
    outfile: join(dist, 'electron/main.js'),
    format: 'esm',
    packages: 'external',
    external: ['electron'],
  },
  {
    // Sandboxed preloads get a tiny `require` that only knows electron and a few Node built-ins, so everything
    // else must be inside this one CommonJS file.
    entryPoints: [join(root, 'preload/index.ts')],
    outfile: join(dist, 'preload/index.cjs'),
    format: 'cjs',
    external: ['electron'],
  },
];

/** What the renderer build reads: when none of these changed since the last build, it can be skipped. */
const rendererInputs = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function rendererIsFresh() {
  const built = join(dist, 'renderer/index.html');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return rendererInputs.every((p) => newestMtime(join(root, p)) <= builtAt);
}

async function buildRenderer(quiet) {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
}

async function buildBundles() {
  const esbuild = await import('esbuild');
  await Promise.all(
    bundles.map((b) =>
      esbuild.build({
        bundle: true,
        platform: 'node',
        target: 'node20',
        sourcemap: 'linked',
        logLevel: 'warning',
        legalComments: 'none',
        ...b,
      }),
    ),
  );
}

/**
 * @param {{ renderer?: 'always' | 'auto' | 'never', quiet?: boolean }} [opts]
 */
export async function build(opts = {}) {
  const mode = opts.renderer ?? 'always';
  const started = Date.now();
  const skipRenderer = mode === 'never' || (mode === 'auto' && rendererIsFresh());
  await Promise.all([skipRenderer ? Promise.resolve() : buildRenderer(opts.quiet ?? false), buildBundles()]);
  const what = skipRenderer ? 'bundles (renderer up to date)' : 'renderer and bundles';
  process.stderr.write(`Built ${what} in ${Date.now() - started} ms\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // --auto: skip an up-to-date renderer; --bundles-only: esbuild bundles alone (tests of the host CLI).
  const renderer = process.argv.includes('--bundles-only') ? 'never' : process.argv.includes('--auto') ? 'auto' : 'always';
  build({ renderer }).catch((err) => {
    process.stderr.write(`Build failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
