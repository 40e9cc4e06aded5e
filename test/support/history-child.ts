/**
 * Child process for the history's kill -9 tests: composes the real app on a data folder, signs in, and either
 * exports the whole history to `<target>` (through main's "save dialog", stubbed to answer `<target>`) or imports
 * the CSV file `<target>`. It prints `PROGRESS <phase> <rows>` for every progress event, so the parent can kill it
 * mid-way, and `DONE` when the work finished.
 *
 *   node --import tsx test/support/history-child.ts <dataDir> <export|import> <target>
 */
import { compose } from '../../main/compose.js';
import { testComposeOptions } from './options.js';

const [dataDir, mode, target] = process.argv.slice(2);
if (!dataDir || !target || (mode !== 'export' && mode !== 'import')) {
  process.stderr.write('usage: history-child <dataDir> <export|import> <target>\n');
  process.exit(2);
}
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(3), 120_000).unref();

const out = (line: string) => process.stdout.write(`${line}\n`);
const app = await compose(
  testComposeOptions(dataDir, { dialogs: { save: async () => target, open: async () => target } }),
);
const login = await app.dispatch('profile:login', { username: 'killed', password: 'correct horse battery' });
if (!login.ok) throw new Error(JSON.stringify(login));
app.events.subscribe((e) => {
  if (e.event === 'export:progress') out(`PROGRESS ${e.payload.state} ${e.payload.rows}`);
  if (e.event === 'import:progress') out(`PROGRESS ${e.payload.phase} ${e.payload.rows}`);
});
if (mode === 'export') {
  const r = await app.dispatch('export:start', { filter: {}, sort: { column: 'date', direction: 'desc' }, format: 'csv' });
  if (!r.ok) throw new Error(JSON.stringify(r));
} else {
  const picked = await app.dispatch('files:pick', { purpose: 'import' });
  if (!picked.ok) throw new Error(JSON.stringify(picked));
  const fileId = (picked.data as { file: { fileId: string } }).file.fileId;
  const r = await app.dispatch('import:run', { fileId, idempotencyKey: 'killed-import-0001' });
  out(r.ok ? 'DONE' : `FAILED ${JSON.stringify(r.error).slice(0, 300)}`);
}
