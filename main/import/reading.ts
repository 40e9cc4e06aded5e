import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ImportMapping } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { HeldFile } from '../files/transfers.js';
import { CsvReader, detectDelimiter, type CsvRecord } from './csv-reader.js';
import { jsonActivities, jsonDocument, looksLikeJson, MAX_JSON_BYTES } from './json-activities.js';
import { unneutralise } from '../export/columns.js';
import { bourseRows, isBourseHeader } from './bourse-rows.js';
import { detectBroker } from './brokers.js';
import { genericRows } from './broker-rows.js';
import type { Candidate, RowError, RowResult } from './candidate.js';
import { reshaperFor, type Reshaper } from './layouts.js';

/** Detailed errors kept per report (all are counted). */
export const MAX_ERRORS = 200;
const READ_CHUNK = 1024 * 1024;
/** How much of a file the mapping step looks at. */
const HEAD_BYTES = 256 * 1024;

/** The start of a file as the mapping step sees it: header, first records, the settings it was read with. */
export interface FileHead {
  format: 'bourse' | 'generic';
  headers: string[];
  /** The whole records under the header within the head. */
  records: CsvRecord[];
  delimiter: ImportMapping['delimiter'];
  encoding: ImportMapping['encoding'];
  /** A JSON export's activities are read as records under a header of their keys. */
  kind: 'csv' | 'json';
  /** The line of the header when lines before it are a preamble (a broker's title and account lines). */
  headerLine?: number;
}

/** How far down a broker's header is looked for under a preamble. */
const PREAMBLE_RECORDS = 20;

/** A whole file read into candidates, with the rows it refused. */
export interface Parsed {
  format: 'bourse' | 'generic';
  candidates: Candidate[];
  errors: RowError[];
  errorCount: number;
  rows: number;
  /** Broker lines with more fields than the header, read by the header's columns. */
  widened: { lines: number; firstLine: number } | null;
  /** Rows of skipped types, by type word as the file writes it. */
  skipped: Map<string, number>;
  /** The mapping's matches of file references to catalogue symbols. */
  aliases: Readonly<Record<string, string>>;
  /** A Bourse file with the `transferWith` column (a file without it may have its pairs recognised by shape). */
  transferColumn: boolean;
}

/**
 * The header's names as the mapping uses them. An empty name (Degiro leaves the currency columns unnamed) is called
 * after the column before it, so it can still be mapped: "Price (2)" is the unnamed column right of "Price".
 */
export function headerNames(fields: readonly string[]): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  fields.forEach((f, i) => {
    let name = f.trim();
    if (!name) {
      const left = out[i - 1]?.replace(/ \(\d+\)$/, '') ?? 'Column';
      let n = 2;
      while (used.has(`${left} (${n})`)) n++;
      name = `${left} (${n})`;
    }
    used.add(name);
    out.push(name);
  });
  return out;
}

/** Reads the head of a file: its encoding (unless given), delimiter, header and first records. */
export async function readFileHead(path: string, encoding?: ImportMapping['encoding']): Promise<FileHead> {
  const head = await readHead(path, HEAD_BYTES);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new AppError('INVALID_INPUT', 'This file is UTF-16 text: save it as a UTF-8 (or Windows-1252) CSV and choose it again.', { encoding: 'utf-16' });
  }
  const enc = encoding ?? guessEncoding(head);
  const text = new TextDecoder(enc).decode(head);
  if (looksLikeJson(text)) {
    const { headers, records } = jsonActivities(await readJson(path));
    // Bourse's own JSON export has its CSV's columns as keys.
    return { format: isBourseHeader(headers) ? 'bourse' : 'generic', headers, records, delimiter: ',', encoding: 'utf-8', kind: 'json' };
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const reader = new CsvReader(delimiter);
  // The head may end mid-record: only whole records before it are shown.
  let all = reader.push(text);
  // A file in another layout (IB's Flex sections, Binance's statement) is read as the table it is reshaped into.
  const shape = all[0] ? reshaperFor(all[0].fields) : null;
  if (shape) all = [...shape.push(all), ...shape.end()];
  // Some exports put a title and account lines above the header (Coinbase's older report): a broker's header found a
  // few records down is the header, and the lines above it are skipped.
  const first = all[0] ? headerNames(all[0].fields) : [];
  const at = detectBroker(first) || isBourseHeader(first) ? 0 : all.slice(0, PREAMBLE_RECORDS).findIndex((r) => detectBroker(headerNames(r.fields)));
  const [header, ...records] = all.slice(Math.max(at, 0));
  const headers = header ? headerNames(header.fields) : [];
  const headerLine = at > 0 ? header!.line : undefined;
  return { format: isBourseHeader(headers) ? 'bourse' : 'generic', headers, records, delimiter, encoding: enc, kind: 'csv', ...(headerLine ? { headerLine } : {}) };
}

/**
 * Reads and converts the whole file (streamed, a megabyte at a time), keeping row errors with their lines.
 * `settings` is the mapping for a broker file and the detected delimiter and encoding for Bourse's own.
 */
export async function readFile(file: HeldFile, kind: FileHead['kind'], format: 'bourse' | 'generic', settings: ImportMapping, at: string, signal: AbortSignal, onProgress: (rows: number, bytes: number) => void): Promise<Parsed> {
  if (settings.decimalSeparator === settings.thousandsSeparator) throw new AppError('INVALID_INPUT', 'The decimal and thousands separators must differ.');
  const encoding = settings.encoding;
  const decoder = new TextDecoder(encoding);
  const reader = new CsvReader(settings.delimiter);
  const candidates: Candidate[] = [];
  const errors: RowError[] = [];
  let errorCount = 0;
  let rows = 0;
  let read: ((rec: CsvRecord) => RowResult) | null = null;
  let transferColumn = false;
  let accounts: ReturnType<typeof jsonDocument>['accounts'] | undefined;
  let width = 0;
  let replaced = false;
  let widened: Parsed['widened'] = null;
  const firstLine = settings.headerLine ?? 1;
  const skipped = new Map<string, number>();
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  const consume = (records: CsvRecord[]) => {
    for (const rec of records) {
      if (rec.line < firstLine) continue;
      if (!read) {
        const headers = headerNames(rec.fields);
        width = headers.length;
        if (rec.problem) addError({ line: rec.line, field: null, code: 'MALFORMED_CSV', message: `The header is malformed: ${rec.problem}.` });
        if (format === 'bourse') {
          read = bourseRows(headers, kind === 'json' ? { neutralised: false, ...(accounts ? { accounts } : {}) } : { neutralised: true });
          transferColumn = headers.some((h) => (kind === 'json' ? h : unneutralise(h)) === 'transferWith');
        }
        else {
          const g = genericRows(headers, settings, at);
          for (const m of g.missing) addError({ line: rec.line, field: m, code: 'UNKNOWN_COLUMN', message: `The mapping names a column "${m}" the file does not have.` });
          read = g.read;
        }
        continue;
      }
      rows += 1;
      if (rec.problem) addError({ line: rec.line, field: null, code: 'MALFORMED_CSV', message: `Line ${rec.line}: ${rec.problem}.` });
      else if (format === 'generic' && rec.fields.length > width) {
        // A broker line with more fields than its header (IB's Flex files end data lines with one): the header's
        // columns are read and the preview says how many lines had more.
        widened = widened ? { lines: widened.lines + 1, firstLine: widened.firstLine } : { lines: 1, firstLine: rec.line };
        take({ line: rec.line, fields: rec.fields.slice(0, width) });
      } else if (rec.fields.length !== width) {
        addError({ line: rec.line, field: null, code: 'WRONG_COLUMNS', message: `Line ${rec.line} has ${rec.fields.length} field${rec.fields.length === 1 ? '' : 's'}; the header has ${width}.` });
      } else take(rec);
    }
  };
  const take = (rec: CsvRecord) => {
    if (replaced && rec.fields.some((f) => f.includes('\uFFFD'))) {
      addError({ line: rec.line, field: null, code: 'BAD_ENCODING', message: `Line ${rec.line} is not valid ${encoding === 'utf-8' ? 'UTF-8' : encoding} text: is the file in another encoding (such as Windows-1252)?` });
      return;
    }
    const r = read!(rec);
    if (r.ok) candidates.push(r.candidate);
    else if (r.skip !== undefined) skipped.set(r.skip, (skipped.get(r.skip) ?? 0) + 1);
    else addError(r.error);
  };
  // Decided by the file's first record: null reads the records as they are.
  let shape: Reshaper | null | undefined;
  const feed = (records: CsvRecord[]) => {
    if (shape === undefined && records.length) shape = reshaperFor(records[0]!.fields);
    consume(shape ? shape.push(records) : records);
  };
  if (kind === 'json') {
    const json = jsonDocument(await readJson(file.path));
    accounts = json.accounts;
    consume([{ line: 1, fields: json.headers }, ...json.records]);
    onProgress(rows, file.bytes);
    return { format, candidates: importOrder(format, candidates), errors, errorCount, rows, widened, skipped, aliases: settings.instruments ?? {}, transferColumn };
  }
  let bytes = 0;
  const stream = createReadStream(file.path, { highWaterMark: READ_CHUNK });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    signal.throwIfAborted();
    bytes += chunk.length;
    const text = decoder.decode(chunk, { stream: true });
    // A record can only hold U+FFFD (a byte the encoding could not read) once some chunk did.
    if (text.includes('\uFFFD')) replaced = true;
    feed(reader.push(text));
    onProgress(rows, bytes);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const rest = decoder.decode();
  if (rest.includes('\uFFFD')) replaced = true;
  feed(reader.push(rest));
  feed(reader.end());
  if (shape) consume(shape.end());
  if (!read) addError({ line: 1, field: null, code: 'EMPTY_FILE', message: 'The file is empty: there is no header line.' });
  return { format, candidates: importOrder(format, candidates), errors, errorCount, rows, widened, skipped, aliases: settings.instruments ?? {}, transferColumn };
}

/**
 * The order rows are recorded in. Broker files often list the newest first: they are read oldest first (same-day
 * rows keep their relative order); Bourse rows go by when they were recorded.
 */
function importOrder(format: 'bourse' | 'generic', candidates: Candidate[]): Candidate[] {
  if (format === 'generic' && candidates.length > 1 && candidates[0]!.order > candidates.at(-1)!.order) candidates.reverse();
  let ordered = true;
  for (let i = 1; i < candidates.length && ordered; i++) ordered = candidates[i - 1]!.order <= candidates[i]!.order;
  if (ordered) return candidates;
  const sorted = candidates.map((c, i) => ({ c, i })).sort((a, b) => (a.c.order < b.c.order ? -1 : a.c.order > b.c.order ? 1 : a.i - b.i));
  return sorted.map((x) => x.c);
}

async function readJson(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size > MAX_JSON_BYTES) throw new AppError('INVALID_INPUT', `This JSON file is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB: export it as CSV instead.`);
    return new TextDecoder('utf-8').decode(await fh.readFile());
  } finally {
    await fh.close();
  }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** UTF-8 unless the start of the file is not valid UTF-8 (a cut multi-byte character at the very end is fine). */
function guessEncoding(head: Buffer): 'utf-8' | 'windows-1252' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}
