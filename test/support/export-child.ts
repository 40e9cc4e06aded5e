/**
 * Child process for the kill -9 export test: exports a large generated history slowly to `<target>` and prints
 * `PROGRESS <rows> <bytes>` after each chunk, so the parent knows the temp file has data before killing it.
 *
 *   node --import tsx test/support/export-child.ts <target> <csv|json>
 */
import { writeCsv } from '../../main/export/csv-writer.js';
import { writeJson } from '../../main/export/json-writer.js';
import { historyColumns, historyRows } from './history-rows.js';

const [target, format] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: export-child <target> <csv|json>\n');
  process.exit(2);
}
// Never outlive the parent.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(3), 60_000).unref();

const onProgress = (p: { rows: number; bytes: number }) => process.stdout.write(`PROGRESS ${p.rows} ${p.bytes}\n`);
const rows = historyRows(10_000_000, 500, 5);
const run = format === 'json' ? writeJson(target, historyColumns, rows, { format: 'lines', onProgress }) : writeCsv(target, historyColumns, rows, { onProgress });
await run;
process.stdout.write('DONE\n');
