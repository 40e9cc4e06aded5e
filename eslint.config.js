import js from '@eslint/js';
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
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
