/**
 * Child process for the export memory test: writes `<rows>` generated history rows to `<target>` as CSV and prints
 * one JSON line with the time, the size, the peak RSS growth and RSS samples taken along the way.
 *
 *   node --import tsx test/support/export-memory-child.ts <target> <rows>
 */
import { writeCsv } from '../../main/export/csv-writer.js';
import { historyColumns, historyRows } from './history-rows.js';

const [target, rowsArg] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: export-memory-child <target> <rows>\n');
  process.exit(2);
}
const before = process.memoryUsage().rss;
let peak = before;
const samplesMb: number[] = [];
let chunks = 0;
const t0 = performance.now();
const res = await writeCsv(target, historyColumns, historyRows(Number(rowsArg ?? 1_000_000)), {
  onProgress: () => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    if (++chunks % 100 === 0) samplesMb.push(Math.round((rss - before) / 1e6));
  },
});
process.stdout.write(
  `${JSON.stringify({
    rows: res.rows,
    bytes: res.bytes,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
    rssGrowthMb: Number(((peak - before) / 1e6).toFixed(1)),
    samplesMb,
  })}\n`,
);
