import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_STRINGIFY_EQUIVALENT, csvRecord } from '../../main/export/csv-format.js';
import { ExportValueError, neutralise, unneutralise, type Column } from '../../main/export/columns.js';
import { writeCsv } from '../../main/export/csv-writer.js';
import { writeJson } from '../../main/export/json-writer.js';
import { sweepStaleTemps } from '../../main/files/durable.js';
import { historyColumns, historyRow, historyRows } from '../support/history-rows.js';

/** The export writers on real files: RFC 4180, formula neutralisation, atomic publication, cancel, kill -9, memory. */
type Row = { note: string | null; amount: string | number | null; qty?: string };
const columns: Column<Row>[] = [
  { name: 'note', kind: 'text' },
  { name: 'amount', kind: 'number' },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const files = () => readdirSync(dir).sort();

describe('CSV writer', () => {
  it('neutralises formula starts in free text, keeps numbers byte for byte, quotes per RFC 4180, round-trips through csv-parse', async () => {
    const notes = ['=cmd|/C calc!A0', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '\nx', "'=x", 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'plain', 'ünïcödé €', '', '＝1+1', "'plain"];
    const amounts = ['-30.00', '12.5', '-0.01', '0', '1234567890.123456789', -7, 2.5];
    const rows: Row[] = notes.map((note, i) => ({ note, amount: amounts[i % amounts.length]! }));
    rows.push({ note: null, amount: null });
    const target = join(dir, 'history.csv');
    const res = await writeCsv(target, columns, rows);
    expect(res).toMatchObject({ path: target, rows: rows.length });
    const text = readFileSync(target, 'utf8');
    expect(res.bytes).toBe(statSync(target).size);

    // Records end with CRLF; a header first; fields with comma, quote, CR or LF are quoted, quotes doubled.
    expect(text.startsWith('note,amount\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"a,b",');
    expect(text).toContain('"say ""hi""",');
    expect(text).toContain('"two\nlines",');
    expect(text).toContain(`"'\nx",`);
    expect(text).toContain("'=cmd|/C calc!A0,-30.00\r\n");
    expect(text).toContain("'-2+3,-0.01\r\n");
    expect(text).toContain("'+1,12.5\r\n");

    const parsed = parse(text, { columns: true, relax_quotes: false }) as { note: string; amount: string }[];
    expect(parsed).toHaveLength(rows.length);
    parsed.forEach((p, i) => {
      const want = rows[i]!;
      // No cell of a free-text column starts like a formula any more…
      expect(/^[=+\-@\t\r\n＝＋－＠]/.test(p.note)).toBe(false);
      // …and the import side gets the exact text back.
      expect(unneutralise(p.note)).toBe(want.note ?? '');
      // Number columns are untouched, minus sign included.
      expect(p.amount).toBe(want.amount === null ? '' : String(want.amount));
    });
    expect(files()).toEqual(['history.csv']);
  });

  it('neutralise/unneutralise is a bijection on any string (fast-check)', () => {
    const tricky = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", 'a', ',', '"', '＝') });
    fc.assert(
      fc.property(fc.oneof(fc.string(), tricky), (s) => {
        const n = neutralise(s);
        expect(unneutralise(n)).toBe(s);
        expect(/^[=+\-@\t\r\n＝＋－＠]/.test(n)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips random text through a file and csv-parse (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ note: fc.string({ maxLength: 30 }), amount: fc.stringMatching(/^-?\d{1,6}(\.\d{1,4})?$/) }), { maxLength: 20 }), async (rows) => {
        const target = join(dir, 'prop.csv');
        await writeCsv(target, columns, rows);
        const back = (parse(readFileSync(target, 'utf8'), { columns: true }) as { note: string; amount: string }[]).map((r) => ({
          note: unneutralise(r.note),
          amount: r.amount,
        }));
        expect(back).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes records byte for byte like csv-stringify (the reference) on random fields (fast-check)', () => {
    const field = fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\r', '\n', ' ', "'", '='), fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom('é', '€', '😀')) });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 10 }), (records) => {
        expect(records.map(csvRecord).join('')).toBe(stringify(records, CSV_STRINGIFY_EQUIVALENT));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a paged source (one await per page) and writes the same bytes as a row source', async () => {
    const rows = Array.from({ length: 2345 }, (_, i) => historyRow(i));
    async function* pages() {
      for (let i = 0; i < rows.length; i += 700) yield rows.slice(i, i + 700);
    }
    const a = await writeCsv(join(dir, 'rows.csv'), historyColumns, rows);
    const b = await writeCsv(join(dir, 'pages.csv'), historyColumns, { pages: pages() });
    expect(b.rows).toBe(2345);
    expect(readFileSync(b.path)).toEqual(readFileSync(a.path));
  });

  it('refuses a number column holding anything but a number, and leaves no file', async () => {
    for (const amount of ['=1+2', '-2+3', '1,5', ' 1', 'NaN', Number.NaN, '']) {
      const target = join(dir, 'bad.csv');
      await expect(writeCsv(target, columns, [{ note: 'ok', amount: '1' }, { note: 'x', amount }])).rejects.toBeInstanceOf(ExportValueError);
      expect(files()).toEqual([]);
    }
  });

  it('optional BOM for Excel', async () => {
    const target = join(dir, 'bom.csv');
    await writeCsv(target, columns, [{ note: 'x', amount: '1' }], { bom: true });
    expect(readFileSync(target).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe('JSON writers', () => {
  it('JSON lines and a JSON array, declared columns only, decimal strings kept', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => historyRow(i));
    const lines = await writeJson(join(dir, 'h.jsonl'), historyColumns, rows, { format: 'lines' });
    const array = await writeJson(join(dir, 'h.json'), historyColumns, rows, { format: 'array' });
    expect(lines.rows).toBe(1234);
    const fromLines = readFileSync(lines.path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    const fromArray = JSON.parse(readFileSync(array.path, 'utf8')) as unknown[];
    expect(fromLines).toEqual(rows);
    expect(fromArray).toEqual(rows);
    // Notes are not neutralised in JSON (no spreadsheet reads it as formulas): the text is exactly the user's.
    expect((fromArray[2] as { note: string }).note).toBe('=HYPERLINK("http://x","y")');
    const empty = await writeJson(join(dir, 'empty.json'), historyColumns, [], { format: 'array' });
    expect(JSON.parse(readFileSync(empty.path, 'utf8'))).toEqual([]);
  });
});

describe('atomic publication, progress, cancel', () => {
  it('reports progress up to the final row and byte count', async () => {
    const seen: { rows: number; bytes: number }[] = [];
    const res = await writeCsv(join(dir, 'p.csv'), historyColumns, historyRows(5000), { onProgress: (p) => seen.push(p) });
    expect(res.rows).toBe(5000);
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.rows).toBeGreaterThanOrEqual(seen[i - 1]!.rows);
    expect(seen.at(-1)).toEqual({ rows: 5000, bytes: statSync(res.path).size });
  });

  for (const format of ['csv', 'jsonl'] as const) {
    it(`${format}: cancelling mid-way leaves neither the final name nor a temp file, and closes the source`, async () => {
      const controller = new AbortController();
      let sourceClosed = false;
      async function* source() {
        try {
          yield* historyRows(1_000_000, 200, 1);
        } finally {
          sourceClosed = true;
        }
      }
      let sawTemp = false;
      const onProgress = (p: { rows: number }) => {
        if (files().some((f) => f.endsWith('.bourse-tmp'))) sawTemp = true;
        if (p.rows >= 2000) controller.abort(new Error('user cancelled'));
      };
      const target = join(dir, `out.${format}`);
      const run =
        format === 'csv'
          ? writeCsv(target, historyColumns, source(), { signal: controller.signal, onProgress })
          : writeJson(target, historyColumns, source(), { format: 'lines', signal: controller.signal, onProgress });
      await expect(run).rejects.toThrow('user cancelled');
      expect(sawTemp).toBe(true);
      expect(sourceClosed).toBe(true);
      expect(files()).toEqual([]);
    });
  }

  it('an already aborted signal writes nothing at all', async () => {
    await expect(writeCsv(join(dir, 'x.csv'), columns, [], { signal: AbortSignal.abort() })).rejects.toThrow();
    expect(files()).toEqual([]);
  });

  it('a failing source leaves an existing file under the final name untouched', async () => {
    const target = join(dir, 'keep.csv');
    writeFileSync(target, 'previous export\r\n');
    async function* failing() {
      yield* historyRows(3000);
      throw new Error('query failed');
    }
    await expect(writeCsv(target, historyColumns, failing())).rejects.toThrow('query failed');
    expect(readFileSync(target, 'utf8')).toBe('previous export\r\n');
    expect(files()).toEqual(['keep.csv']);
  });

  for (const format of ['csv', 'json'] as const) {
    it(`${format}: kill -9 of the exporting process leaves no partial file under the final name`, async () => {
      const target = join(dir, `killed.${format}`);
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../support/export-child.ts'), target, format], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const bytes = await new Promise<number>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const lines = buf.split('\n');
          buf = lines.pop() ?? '';
          for (const line of lines) {
            const m = /^PROGRESS (\d+) (\d+)$/.exec(line);
            if (m && Number(m[2]) > 200_000) resolve(Number(m[2]));
          }
        });
        child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
      });
      // Progress counts bytes handed to the stream; the file grows when libuv's pool runs the write. Under load that
      // can come later, so the kill waits until the temp file holds bytes (the test is about a write mid-way).
      for (let i = 0; i < 500 && !files().some((f) => f.endsWith('.bourse-tmp') && statSync(join(dir, f)).size > 0); i++) await new Promise((r) => setTimeout(r, 10));
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(bytes).toBeGreaterThan(200_000);
      expect(existsSync(target)).toBe(false);
      // The orphaned temp file is there (the write really was mid-way), and the sweep removes it.
      const temps = files().filter((f) => f.endsWith('.bourse-tmp'));
      expect(temps).toHaveLength(1);
      expect(statSync(join(dir, temps[0]!)).size).toBeGreaterThan(0);
      expect(await sweepStaleTemps(dir)).toEqual(temps);
      expect(files()).toEqual([]);
    });
  }

  it('the sweep leaves temp files of live processes and unrelated files alone', async () => {
    writeFileSync(join(dir, `.a.csv.${process.pid}-0123abcd.bourse-tmp`), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    writeFileSync(join(dir, '.b.csv.999999999-0123abcd.bourse-tmp'), 'x');
    expect(await sweepStaleTemps(dir)).toEqual(['.b.csv.999999999-0123abcd.bourse-tmp']);
    expect(files()).toEqual([`.a.csv.${process.pid}-0123abcd.bourse-tmp`, 'notes.txt']);
  });
});

describe('memory stays flat', () => {
  it('exports 1,000,000 rows to CSV with bounded RSS growth (clean child process)', async () => {
    // A child process of its own: the test runner's heap (other tests' garbage) would blur the figure.
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../support/export-memory-child.ts'), join(dir, 'million.csv'), '1000000'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    const m = JSON.parse(out) as { rows: number; bytes: number; seconds: number; rssGrowthMb: number; samplesMb: number[] };
    console.info(`export 1M rows: ${m.seconds} s, ${(m.bytes / 1e6).toFixed(0)} MB file, peak RSS growth ${m.rssGrowthMb} MB`);
    expect(m.rows).toBe(1_000_000);
    // The file is ~100 MB: holding it (or a growing part of it) in memory would show up here.
    expect(m.bytes).toBeGreaterThan(80 * 1024 * 1024);
    expect(m.rssGrowthMb).toBeLessThan(100);
    // Flat, not just small: the last third of the export uses no more than the first third plus some slack.
    const third = Math.floor(m.samplesMb.length / 3);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(avg(m.samplesMb.slice(-third))).toBeLessThan(avg(m.samplesMb.slice(0, third)) + 30);
  }, 90_000);
});
