import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cycleKey, noDomainCycles } from '../../lint/domain-cycles.js';

/** The local rule on real files in a temporary tree: domains a, b, c and a loose file top.ts under main/. */
describe('lint rule bourse/no-domain-cycles', () => {
  let dir: string;
  let root: string;

  const write = (rel: string, text: string) => {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  const lint = (file: string, text: string, known: Record<string, string> = {}) => {
    const linter = new Linter({ cwd: dir });
    return linter.verify(
      text,
      [
        {
          files: ['**/*.ts', '**/*.js'],
          languageOptions: { parser: tseslint.parser },
          plugins: { bourse: { rules: { 'no-domain-cycles': noDomainCycles } } },
          rules: { 'bourse/no-domain-cycles': ['error', { root, known, listedIn: join(dir, 'lint.config.js') }] },
        },
      ],
      file,
    );
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-cycles-'));
    root = join(dir, 'main');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports both ends of a two-domain cycle, a type-only import included', () => {
    const ax = "import { y } from '../b/y.js';\nexport const x = y;\n";
    const by = "import type { X } from '../a/x.js';\nexport const y = 1;\nexport type Y = X;\n";
    const a = write('a/x.ts', ax);
    const b = write('b/y.ts', by);

    const fromA = lint(a, ax);
    expect(fromA).toHaveLength(1);
    expect(fromA[0]).toMatchObject({ ruleId: 'bourse/no-domain-cycles', line: 1, column: 19 });
    expect(fromA[0]!.message).toContain('a > b > a');
    expect(fromA[0]!.message).toContain("b/y.ts '../a/x.js'");

    const fromB = lint(b, by);
    expect(fromB).toHaveLength(1);
    expect(fromB[0]!.message).toContain('a > b > a');
  });

  it('accepts a listed cycle, written from any of its domains', () => {
    const ax = "import { y } from '../b/y.js';\nexport const x = y;\n";
    const a = write('a/x.ts', ax);
    write('b/y.ts', "import { x } from '../a/x.js';\nexport const y = () => x;\n");
    expect(lint(a, ax, { 'a > b > a': 'why' })).toEqual([]);
    expect(lint(a, ax, { 'b > a > b': 'why' })).toEqual([]);
  });

  it('reports a longer cycle through a listed edge that is not itself listed', () => {
    const ax = "import { y } from '../b/y.js';\nexport const x = y;\n";
    const a = write('a/x.ts', ax);
    write('b/y.ts', "import { x } from '../a/x.js';\nimport { z } from '../c/z.js';\nexport const y = () => [x, z];\n");
    write('c/z.ts', "export { x as z } from '../a/x.js';\n");
    const messages = lint(a, ax, { 'a > b > a': 'why' });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain('a > b > c > a');
    expect(lint(a, ax, { 'a > b > a': 'why', 'c > a > b > c': 'why' })).toEqual([]);
  });

  it('counts a loose file under the root and import() as a domain and an import', () => {
    const top = write('top.ts', "export const load = () => import('./a/x.js');\n");
    const ax = "import { load } from '../top.js';\nexport const x = load;\n";
    const a = write('a/x.ts', ax);
    expect(lint(a, ax)[0]!.message).toContain('a > top > a');
    expect(lint(top, "export const load = () => import('./a/x.js');\n")[0]!.message).toContain('a > top > a');
  });

  it('ignores imports inside one domain and files outside the root', () => {
    const ax = "import { w } from './w.js';\nimport { s } from '../../shared/s.js';\nexport const x = w + s;\n";
    const a = write('a/x.ts', ax);
    write('a/w.ts', "import { x } from './x.js';\nexport const w = 1;\nexport const again = () => x;\n");
    const s = write('../shared/s.ts', "import { x } from '../main/a/x.js';\nexport const s = 1;\nexport const back = () => x;\n");
    expect(lint(a, ax)).toEqual([]);
    expect(lint(s, "import { x } from '../main/a/x.js';\nexport const s = 1;\n")).toEqual([]);
  });

  it('reads the linted file from the text being linted, not from disk', () => {
    const a = write('a/x.ts', "import { y } from '../b/y.js';\nexport const x = y;\n");
    write('b/y.ts', "import { x } from '../a/x.js';\nexport const y = () => x;\n");
    expect(lint(a, 'export const x = 1;\n')).toEqual([]);
  });

  it('in the file that lists them, reports listed cycles the code no longer has and malformed entries', () => {
    write('a/x.ts', "import { y } from '../b/y.js';\nexport const x = y;\n");
    write('b/y.ts', "import { x } from '../a/x.js';\nexport const y = () => x;\n");
    const config = [
      'export const known = {',
      "  'a > b > a': 'still there',",
      "  'a > c > a': 'gone',",
      "  'a > b': 'not a cycle',",
      '};',
      '',
    ].join('\n');
    const known = { 'a > b > a': 'still there', 'a > c > a': 'gone', 'a > b': 'not a cycle' };
    const messages = lint(join(dir, 'lint.config.js'), config, known);
    expect(messages.map((m) => [m.line, m.message])).toEqual([
      [3, 'The known import cycle a > c > a is gone from the code: delete it from the list.'],
      [4, 'A known import cycle must read `a > b > a` (each domain once, the first repeated at the end): a > b.'],
    ]);
  });

  it('names each cycle from its smallest domain', () => {
    expect(cycleKey(['market', 'sync', 'worker'])).toBe('market > sync > worker > market');
    expect(cycleKey(['sync', 'worker', 'market'])).toBe('market > sync > worker > market');
  });
});
