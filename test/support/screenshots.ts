import { fileURLToPath } from 'node:url';

/**
 * Where E2E screenshots go: docs/screenshots/ (tracked, shown by the docs) only when BOURSE_SCREENSHOTS=1, so a plain
 * `npm test` does not rewrite committed PNGs; otherwise test-results/screenshots/ (gitignored).
 */
export function screenshotDir(): string {
  const docs = process.env.BOURSE_SCREENSHOTS === '1';
  return fileURLToPath(new URL(docs ? '../../docs/screenshots/' : '../../test-results/screenshots/', import.meta.url));
}
