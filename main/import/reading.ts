import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ImportMapping } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { HeldFile } from '../files/transfers.js';
import { CsvReader, detectDelimiter, type CsvRecord } from './csv-reader.js';
import { bourseRows, genericRows, isBourseHeader, type Candidate, type RowError, type RowResult } from './rows.js';

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
}

/** A whole file read into candidates, with the rows it refused. */
export interface Parsed {
  format: 'bourse' | 'generic';
  candidates: Candidate[];
  errors: RowError[];
  errorCount: number;
  rows: number;
}

/** Reads the head of a file: its encoding (unless given), delimiter, header and first records. */
export async function readFileHead(path: string, encoding?: ImportMapping['encoding']): Promise<FileHead> {
  const head = await readHead(path, HEAD_BYTES);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new AppError('INVALID_INPUT', 'This file is UTF-16 text: save it as a UTF-8 (or Windows-1252) CSV and choose it again.', { encoding: 'utf-16' });
  }
  const enc = encoding ?? guessEncoding(head);
  const text = new TextDecoder(enc).decode(head);
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const reader = new CsvReader(delimiter);
  // The head may end mid-record: only whole records before it are shown.
  const [header, ...records] = reader.push(text);
  const headers = header?.fields.map((h) => h.trim()) ?? [];
  return { format: isBourseHeader(headers) ? 'bourse' : 'generic', headers, records, delimiter, encoding: enc };
}

/**
 * Reads and converts the whole file (streamed, a megabyte at a time), keeping row errors with their lines.
 * `settings` is the mapping for a broker file and the detected delimiter and encoding for Bourse's own.
 */
export async function readFile(file: HeldFile, format: 'bourse' | 'generic', settings: ImportMapping, at: string, signal: AbortSignal, onProgress: (rows: number, bytes: number) => void): Promise<Parsed> {
  if (settings.decimalSeparator === settings.thousandsSeparator) throw new AppError('INVALID_INPUT', 'The decimal and thousands separators must differ.');
  const encoding = settings.encoding;
  const decoder = new TextDecoder(encoding);
  const reader = new CsvReader(settings.delimiter);
  const candidates: Candidate[] = [];
  const errors: RowError[] = [];
  let errorCount = 0;
  let rows = 0;
  let read: ((rec: CsvRecord) => RowResult) | null = null;
  let width = 0;
  let replaced = false;
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  const consume = (records: CsvRecord[]) => {
    for (const rec of records) {
      if (!read) {
        const headers = rec.fields.map((h) => h.trim());
        width = headers.length;
        if (rec.problem) addError({ line: rec.line, field: null, code: 'MALFORMED_CSV', message: `The header is malformed: ${rec.problem}.` });
        if (format === 'bourse') read = bourseRows(headers);
        else {
          const g = genericRows(headers, settings, at);
          for (const m of g.missing) addError({ line: rec.line, field: m, code: 'UNKNOWN_COLUMN', message: `The mapping names a column "${m}" the file does not have.` });
          read = g.read;
        }
        continue;
      }
      rows += 1;
      if (rec.problem) addError({ line: rec.line, field: null, code: 'MALFORMED_CSV', message: `Line ${rec.line}: ${rec.problem}.` });
      else if (rec.fields.length !== width) {
        addError({ line: rec.line, field: null, code: 'WRONG_COLUMNS', message: `Line ${rec.line} has ${rec.fields.length} field${rec.fields.length === 1 ? '' : 's'}; the header has ${width}.` });
      } else if (replaced && rec.fields.some((f) => f.includes('\uFFFD'))) {
        addError({ line: rec.line, field: null, code: 'BAD_ENCODING', message: `Line ${rec.line} is not valid ${encoding === 'utf-8' ? 'UTF-8' : encoding} text: is the file in another encoding (such as Windows-1252)?` });
      } else {
        const r = read(rec);
        if (r.ok) candidates.push(r.candidate);
        else addError(r.error);
      }
    }
  };
  let bytes = 0;
  const stream = createReadStream(file.path, { highWaterMark: READ_CHUNK });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    signal.throwIfAborted();
    bytes += chunk.length;
    const text = decoder.decode(chunk, { stream: true });
    // A record can only hold U+FFFD (a byte the encoding could not read) once some chunk did.
    if (text.includes('\uFFFD')) replaced = true;
    consume(reader.push(text));
    onProgress(rows, bytes);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const rest = decoder.decode();
  if (rest.includes('\uFFFD')) replaced = true;
  consume(reader.push(rest));
  consume(reader.end());
  if (!read) addError({ line: 1, field: null, code: 'EMPTY_FILE', message: 'The file is empty: there is no header line.' });
  return { format, candidates: importOrder(format, candidates), errors, errorCount, rows };
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
