import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronBan = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'Only the Electron entry, the IPC transport and preload may import electron.' }],
      patterns: [{ group: ['electron/*'], message: 'Only the Electron entry, the IPC transport and preload may import electron.' }],
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'out/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...electronBan,
    },
  },
  {
    // The only places allowed to touch Electron: its entry and IPC transport, and the preload bridge.
    files: ['main/electron/**', 'preload/**'],
    rules: { 'no-restricted-imports': 'off' },
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
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
