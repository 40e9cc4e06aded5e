import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { noDomainCycles } from './lint/domain-cycles.js';

const root = import.meta.dirname;

const electronOnly = 'Only the Electron entry, the IPC transport and preload may import electron.';
const electronBan = {
  paths: [{ name: 'electron', message: electronOnly }],
  patterns: [{ group: ['electron/*'], message: electronOnly }],
};

/** The electron ban plus Node's built-in modules, for code that must also run where Node does not. */
function withoutNode(message) {
  return {
    paths: [
      ...electronBan.paths,
      ...builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message })),
    ],
    patterns: [...electronBan.patterns, { group: ['node:*'], message }],
  };
}

/**
 * Which folder may import which. Each zone: files in `target` may not import from `from` except `except` (npm
 * packages resolve into node_modules, which every zone allows). main/'s composition root is compose.ts with
 * handlers.ts (the merge of the domains' handlers) and the two hosts that start it, host/ and electron/; the domains
 * sit below it and never reach up.
 */
const layerZones = [
  {
    target: './shared',
    from: '.',
    except: ['./shared', './node_modules'],
    message: 'shared/ is the pure core every side uses: it imports only shared/ and npm packages.',
  },
  {
    target: './renderer',
    from: '.',
    except: ['./renderer', './shared', './node_modules'],
    message: 'renderer/ runs in the page: it imports only renderer/, shared/ and npm packages (main/ through the API).',
  },
  {
    target: './feed',
    from: '.',
    except: ['./feed', './shared', './node_modules'],
    message: 'feed/ is a server of its own: it imports only feed/, shared/ and npm packages.',
  },
  {
    target: ['./main/!(compose).*', './main/!(host|electron)/**'],
    from: ['./main/handlers.ts', './main/compose.ts', './main/host', './main/electron'],
    message:
      'Only main/compose.ts, main/host/ and main/electron/ may import the composition root ' +
      '(main/handlers.ts, main/compose.ts, main/host/, main/electron/): a domain is handed what it needs.',
  },
];

/**
 * Import cycles between main/'s domains that the code still has, each with why: none. The rule fails on any cycle
 * not listed here, and on an entry the code no longer has.
 */
const knownDomainCycles = {};

const domainCycles = [
  'error',
  { root: `${root}/main`, known: knownDomainCycles, listedIn: `${root}/eslint.config.js` },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'out/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX, bourse: { rules: { 'no-domain-cycles': noDomainCycles } } },
    settings: {
      // Node's resolution with TypeScript's mapping of `./x.js` to the `./x.ts` it is compiled from.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mjs', '.js', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
          conditionNames: ['types', 'node', 'import', 'require', 'default'],
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronBan],
      // An import that does not resolve would slip past the layer zones below, so none may exist.
      'import-x/no-unresolved': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', withoutNode('shared/ runs in the page and in Node: no Node built-in modules.')],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', withoutNode('renderer/ runs in the page: no Node built-in modules.')],
    },
  },
  {
    // The only places allowed to touch Electron: its entry and IPC transport, and the preload bridge.
    files: ['main/electron/**', 'preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/**/*.ts', 'eslint.config.js'],
    rules: { 'bourse/no-domain-cycles': domainCycles },
  },
  {
    // Typed rules: each file is checked with its own folder's tsconfig.json.
    files: ['**/*.ts', '**/*.tsx', 'scripts/**/*.mjs', 'lint/**/*.js'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // React's rules of hooks and the compiler-backed checks (effects, refs, purity) for the whole renderer.
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Stores are the only callers of the API: components, pages and hooks get data and actions from a store in
    // renderer/src/stores/ (a type such as UiError may still be imported). A separate rule from the import layering
    // so that neither block replaces the other's options.
    files: ['renderer/src/components/**', 'renderer/src/pages/**', 'renderer/src/hooks/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+api/',
              allowTypeImports: true,
              message: 'Only stores (renderer/src/stores/) call the API: get the data or action from a store.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js', 'lint/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
