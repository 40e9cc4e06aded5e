import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The project's own eslint.config.js on probe modules placed (in memory) in each folder, importing real files: each
 * layer rule fires where it should and stays quiet where the import is allowed. Typed rules are left out (a probe is
 * in no tsconfig project).
 */
describe('eslint.config.js: the layers between folders', () => {
  let eslint: ESLint;
  const layerRules = new Set(['import-x/no-restricted-paths', 'import-x/no-unresolved', 'no-restricted-imports']);

  beforeAll(() => {
    eslint = new ESLint({
      cwd: root,
      ruleFilter: ({ ruleId }) => layerRules.has(ruleId),
      overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    });
  });

  /** The layer messages for one import of `specifier` from a module at `probe` (relative to the repository). */
  const problems = async (probe: string, specifier: string) => {
    const [result] = await eslint.lintText(`import * as m from '${specifier}';\nexport const used = m;\n`, {
      filePath: join(root, probe),
    });
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  };

  it.each([
    ['shared/probe.ts', '../main/compose.js', 'shared/ is the pure core every side uses'],
    ['shared/contract/probe.ts', '../../renderer/src/api/client.js', 'shared/ is the pure core every side uses'],
    ['shared/probe.ts', '../feed/server.js', 'shared/ is the pure core every side uses'],
    ['renderer/src/probe.ts', '../../main/compose.js', 'renderer/ runs in the page: it imports only'],
    ['renderer/src/probe.ts', '../../feed/server.js', 'renderer/ runs in the page: it imports only'],
    ['feed/probe.ts', '../main/compose.js', 'feed/ is a server of its own'],
    ['feed/probe.ts', '../renderer/src/api/client.js', 'feed/ is a server of its own'],
    ['main/history/probe.ts', '../handlers.js', 'Only main/compose.ts, main/host/ and main/electron/ may import'],
    ['main/history/probe.ts', '../compose.js', 'Only main/compose.ts, main/host/ and main/electron/ may import'],
    ['main/sync/probe.ts', '../host/server.js', 'Only main/compose.ts, main/host/ and main/electron/ may import'],
    ['main/sync/probe.ts', '../electron/ipc.js', 'Only main/compose.ts, main/host/ and main/electron/ may import'],
    ['main/probe.ts', './handlers.js', 'Only main/compose.ts, main/host/ and main/electron/ may import'],
    ['main/handlers.ts', './compose.js', 'Only main/compose.ts, main/host/ and main/electron/ may import'],
  ])('%s may not import %s', async (probe, specifier, rule) => {
    const found = await problems(probe, specifier);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^import-x\/no-restricted-paths: /);
    expect(found[0]).toContain(rule);
  });

  it.each([
    ['shared/probe.ts', 'node:fs', 'shared/ runs in the page and in Node: no Node built-in modules.'],
    ['shared/probe.ts', 'path', 'shared/ runs in the page and in Node: no Node built-in modules.'],
    ['shared/probe.ts', 'fs/promises', 'shared/ runs in the page and in Node: no Node built-in modules.'],
    ['renderer/src/probe.ts', 'node:crypto', 'renderer/ runs in the page: no Node built-in modules.'],
    ['shared/probe.ts', 'electron', 'Only the Electron entry, the IPC transport and preload may import electron.'],
    ['main/sync/probe.ts', 'electron', 'Only the Electron entry, the IPC transport and preload may import electron.'],
  ])('%s may not import %s', async (probe, specifier, message) => {
    const found = await problems(probe, specifier);
    const restricted = found.filter((m) => m.startsWith('no-restricted-imports: '));
    expect(restricted).toHaveLength(1);
    expect(restricted[0]).toContain(`'${specifier}' import is restricted`);
    expect(restricted[0]).toContain(message);
  });

  it.each([
    ['shared/contract/probe.ts', '../errors.js'],
    ['shared/probe.ts', 'zod'],
    ['renderer/src/probe.ts', '../../shared/errors.js'],
    ['renderer/src/probe.ts', 'react'],
    ['feed/probe.ts', '../shared/errors.js'],
    ['feed/probe.ts', 'node:http'],
    ['main/compose.ts', './handlers.js'],
    ['main/host/probe.ts', '../compose.js'],
    ['main/electron/probe.ts', '../host/server.js'],
    ['main/electron/probe.ts', 'electron'],
    ['preload/probe.ts', 'electron'],
    ['main/worker/probe.ts', '../../feed/server.js'],
    ['main/sync/probe.ts', '../events.js'],
    ['test/probe.ts', '../renderer/src/api/client.js'],
  ])('%s may import %s', async (probe, specifier) => {
    expect(await problems(probe, specifier)).toEqual([]);
  });

  it('fails an import that does not resolve, which the zones could not judge', async () => {
    expect(await problems('shared/probe.ts', '../main/no-such-module.js')).toEqual([
      "import-x/no-unresolved: Unable to resolve path to module '../main/no-such-module.js'.",
    ]);
  });
});
