import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
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
 * Import cycles between main/'s domains that the code still has, each with why. The rule fails on any other cycle,
 * and on an entry here that the code no longer has: delete entries as the cycles go.
 */
const knownDomainCycles = {
  'activities > history > activities':
    'history reads activities/view.ts; activities/bulk.ts writes the per-day totals through history/days.ts',
  'activities > history > import > activities':
    'history/host.ts builds the import service, which runs the activity service; activities write history days',
  'activities > orders > history > activities':
    "activities use orders' accounts and SQL; orders/accounts.ts writes history days; history reads activities",
  'activities > orders > history > import > activities':
    "activities use orders' accounts and SQL; orders write history days; history builds import, import runs activities",
  'activities > orders > services > history > activities':
    "orders/service.ts uses services' catalogue, idempotency and wallets; services/wallets.ts writes history days",
  'activities > orders > services > history > import > activities':
    'orders use services/wallets.ts, which writes history days; history builds import, which runs activities',
  'activities > services > history > activities':
    'activities use services/catalogue.ts and idempotency.ts; services/wallets.ts writes history days',
  'activities > services > history > import > activities':
    'activities use services/catalogue.ts; services/wallets.ts writes history days; history builds import',
  'backup > services > backup':
    'services/session.ts restores through backup/recover.ts; backup/service.ts takes the session type',
  'history > import > history':
    'history/host.ts builds the import service; import uses history/columns.ts and history/days.ts',
  'history > services > history':
    'history/host.ts takes the session and settings types; services/wallets.ts writes history days',
  'history > market > services > history':
    'history/rates.ts resolves rates with market/fx-resolve.ts; market takes session and settings types from services',
  'market > services > market':
    'services/fx.ts resolves rates with market/fx-resolve.ts; market/coordinator.ts takes session and settings types',
  'market > sync > market':
    "sync/service.ts stores bars and rates through market; market's coordinator and feed take sync's types",
  'market > worker > sync > market':
    "market/feed-service.ts takes worker/last-price-store.ts's type; the worker speaks sync's messages",
  'sync > worker > sync':
    "sync/messages.ts takes the worker's last-price type; worker/handlers.ts runs sync/runner.ts",
};

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
    files: ['scripts/**/*.mjs', '*.js', 'lint/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
