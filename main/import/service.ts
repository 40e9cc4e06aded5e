import type { WriteDb } from '../store/writer.js';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ImportMapping, ImportPreset, ImportReport } from '../../shared/contract/index.js';
import { ImportMapping as MappingSchema } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import type { ActivityService } from '../activities/service.js';
import type { EventHub } from '../events.js';
import type { FileTransfers, HeldFile } from '../files/transfers.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { deferDayLegs, discardDayLegs, flushDayLegs } from '../ledger/day-totals.js';
import { CsvReader, detectDelimiter, type CsvRecord } from './csv-reader.js';
import { localeFormats } from './formats.js';
import { bourseRows, genericRows, guessColumns, isBourseHeader, type Candidate, type RowError, type RowResult } from './rows.js';

const SQL = {
  exists: 'SELECT 1 FROM activities WHERE id = ?',
  any: 'SELECT 1 FROM activities LIMIT 1',
  instrument: 'SELECT asset_class FROM instruments WHERE symbol = ?',
  orderExists: 'SELECT 1 FROM orders WHERE id = ?',
  insertOrder:
    "INSERT INTO orders (id, symbol, asset_class, side, type, quantity, currency, state, reserved, filled_quantity, average_price, gross, fee, total, venue, created_at, updated_at, events) " +
    "VALUES (?, ?, ?, ?, 'market', ?, ?, 'filled', '0', ?, ?, ?, ?, ?, 'import', ?, ?, json_array(json_object('state', 'filled', 'note', 'Imported from a Bourse history file', 'at', ?)))",
  fill: "INSERT INTO fills (order_id, quantity, price, gross, fee, venue_order_id, created_at) VALUES (?, ?, ?, ?, ?, 'import', ?)",
  quote: 'SELECT quote_currency FROM instruments WHERE symbol = ?',
  findKey: 'SELECT channel, request_hash, response FROM idempotency_keys WHERE key = ?',
  recordKey: 'INSERT INTO idempotency_keys (key, channel, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
  presets: 'SELECT name, mapping, updated_at FROM import_presets ORDER BY name COLLATE NOCASE',
  savePreset:
    'INSERT INTO import_presets (name, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name, mapping = excluded.mapping, updated_at = excluded.updated_at',
  deletePreset: 'DELETE FROM import_presets WHERE name = ?',
};

/** Detailed errors kept per report (all are counted). */
const MAX_ERRORS = 200;
const SAMPLE = 50;
/** Rows per turn of the event loop while checking and writing. */
const CHUNK = 1000;
const READ_CHUNK = 1024 * 1024;
const PROGRESS_MS = 100;
/** Page cache of the writing connection during an import (negative: KiB), instead of SQLite's 2 MB. */
const IMPORT_CACHE_KIB = -65536;

export interface ImportDeps {
  store: Store;
  transfers: FileTransfers;
  events: EventHub;
  /** The user's number and date locale: the defaults a broker file is read with. */
  locale: () => string;
  now?: () => number;
}

interface Parsed {
  format: 'bourse' | 'generic';
  candidates: Candidate[];
  errors: RowError[];
  errorCount: number;
  rows: number;
}

/**
 * Imports activities from CSV (docs/design.md#history-export-and-import): Bourse's own export (a round trip loses
 * nothing) or a broker's file through a column mapping. Every row is planned and checked exactly as
 * ActivityService.recordIn does it (through its BulkRecorder, main/activities/bulk.ts), so an imported row moves
 * wallets and positions exactly like a recorded one, and the whole file is one transaction: all rows or none.
 *
 * The transaction is held across turns of the event loop (`Writer.exclusive`): a 50 MB file is read, checked and
 * written a thousand rows at a time, with progress events and a cancel in between, instead of one synchronous
 * block that would freeze the app. Other work on this profile waits in the writer's queue meanwhile (it cannot
 * slip into the open transaction); everything else (other channels, the market, the window) keeps going.
 */
export class ImportService {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: ImportDeps) {}

  /** What the mapping step needs: the header, a few rows, whether this is Bourse's own file, suggested settings. */
  async inspect(fileId: string, encoding?: ImportMapping['encoding']) {
    const file = this.deps.transfers.resolve(fileId);
    const head = await readHead(file.path, 256 * 1024);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      throw new AppError('INVALID_INPUT', 'This file is UTF-16 text: save it as a UTF-8 (or Windows-1252) CSV and choose it again.', { encoding: 'utf-16' });
    }
    const enc = encoding ?? guessEncoding(head);
    const text = decodeHead(head, enc);
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
    const delimiter = detectDelimiter(firstLine);
    const reader = new CsvReader(delimiter);
    const records = reader.push(text);
    // The head may end mid-record: only whole records before it are shown.
    const [header, ...rest] = records;
    const headers = header?.fields.map((h) => h.trim()) ?? [];
    const format = isBourseHeader(headers) ? 'bourse' : 'generic';
    const suggested: ImportMapping = {
      columns: format === 'bourse' ? {} : guessColumns(headers),
      ...localeFormats(this.deps.locale()),
      delimiter,
      encoding: enc,
    };
    return { file: { fileId, name: file.name, bytes: file.bytes }, format, headers, sample: rest.slice(0, 5).map((r) => r.fields), suggested } as const;
  }

  /** Checks every row exactly as `run` would, then rolls back: the preview a user confirms. */
  preview(fileId: string, mapping: ImportMapping | undefined, activities: ActivityService): Promise<ImportReport> {
    return this.process(fileId, mapping, activities, { dryRun: true });
  }

  async run(fileId: string, mapping: ImportMapping | undefined, activities: ActivityService, idempotencyKey: string): Promise<{ rows: number; imported: number; duplicates: number }> {
    // Not services/idempotency's requestHash: its key list would drop the mapping's nested fields from the hash.
    const hash = createHash('sha256').update(`import:run\0${stableJson({ fileId, mapping: mapping ?? null })}`).digest('hex');
    // A replay answers even once the file is gone (it is let go after a successful import).
    const earlier = await this.deps.store.writer.write((db) => replay(db, idempotencyKey, hash));
    if (earlier) return earlier;
    const report = await this.process(fileId, mapping, activities, { dryRun: false, idempotency: { key: idempotencyKey, hash } });
    if (report.replayed) return report.replayed;
    activities.changed();
    await this.deps.transfers.discard(fileId).catch(() => undefined);
    return { rows: report.rows, imported: report.fresh, duplicates: report.duplicates };
  }

  cancel(fileId: string): boolean {
    const c = this.running.get(fileId);
    if (!c) return false;
    c.abort(new AppError('CANCELLED', 'Import cancelled: nothing was imported.'));
    return true;
  }

  presets(): Promise<ImportPreset[]> {
    return this.deps.store.writer.write((db) =>
      (statements(db, SQL).presets.all() as { name: string; mapping: string; updated_at: string }[]).flatMap((r) => {
        const m = MappingSchema.safeParse(JSON.parse(r.mapping));
        return m.success ? [{ name: r.name, mapping: m.data, updatedAt: r.updated_at }] : [];
      }),
    );
  }

  savePreset(name: string, mapping: ImportMapping): Promise<ImportPreset> {
    const at = new Date((this.deps.now ?? Date.now)()).toISOString();
    return this.deps.store.writer.write((db) => {
      statements(db, SQL).savePreset.run(name, JSON.stringify(mapping), at);
      return { name, mapping, updatedAt: at };
    });
  }

  deletePreset(name: string): Promise<boolean> {
    return this.deps.store.writer.write((db) => statements(db, SQL).deletePreset.run(name).changes > 0);
  }

  private async process(
    fileId: string,
    mapping: ImportMapping | undefined,
    activities: ActivityService,
    mode: { dryRun: boolean; idempotency?: { key: string; hash: string } },
  ): Promise<ImportReport & { replayed?: { rows: number; imported: number; duplicates: number } }> {
    const file = this.deps.transfers.resolve(fileId);
    if (this.running.has(fileId)) throw new AppError('IN_USE', 'This file is already being imported or checked.');
    const controller = new AbortController();
    this.running.set(fileId, controller);
    const signal = controller.signal;
    const now = this.deps.now ?? Date.now;
    let lastEmit = 0;
    const progress = (phase: 'reading' | 'checking' | 'writing', rows: number, total: number, bytes: number, force = false) => {
      const t = Date.now();
      if (!force && t - lastEmit < PROGRESS_MS) return;
      lastEmit = t;
      this.deps.events.emit('import:progress', { fileId, phase, rows, total, bytes, totalBytes: file.bytes });
    };
    try {
      const at = new Date(now()).toISOString();
      const parsed = await this.parse(file, mapping, at, signal, (rows, bytes) => progress('reading', rows, 0, bytes));
      return await this.deps.store.writer.exclusive(async (db) => {
        const replayed = mode.idempotency && replay(db, mode.idempotency.key, mode.idempotency.hash);
        if (replayed) return { format: parsed.format, rows: replayed.rows, fresh: replayed.imported, duplicates: replayed.duplicates, errorCount: 0, errors: [], sample: [], replayed };
        const phase = mode.dryRun ? 'checking' : 'writing';
        // A file's rows touch every index of the activities table: a larger page cache for this connection while it
        // is written saves SQLite re-reading (and spilling) index pages; the connection's own setting comes back after.
        const cacheSize = db.pragma('cache_size', { simple: true }) as number;
        db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
        db.exec('BEGIN IMMEDIATE');
        try {
          const onRows = (rows: number) => progress(phase, rows, parsed.candidates.length, file.bytes);
          // The per-day history sums are added once per day and kind at the end, not once per row.
          deferDayLegs(db);
          const report = await this.apply(db, parsed, activities, signal, onRows);
          flushDayLegs(db);
          progress(phase, parsed.candidates.length, parsed.candidates.length, file.bytes, true);
          if (report.errorCount > 0) {
            db.exec('ROLLBACK');
            if (mode.dryRun) return report;
            throw new AppError('IMPORT_REJECTED', `Nothing was imported: ${report.errorCount} row${report.errorCount === 1 ? '' : 's'} cannot be imported.`, { report });
          }
          if (mode.dryRun) {
            db.exec('ROLLBACK');
            return report;
          }
          if (mode.idempotency) {
            const response = { rows: report.rows, imported: report.fresh, duplicates: report.duplicates };
            statements(db, SQL).recordKey.run(mode.idempotency.key, 'import:run', mode.idempotency.hash, JSON.stringify(response), at);
          }
          db.exec('COMMIT');
          return report;
        } finally {
          discardDayLegs(db);
          if (db.inTransaction) db.exec('ROLLBACK');
          db.pragma(`cache_size = ${cacheSize}`);
        }
      });
    } finally {
      this.running.delete(fileId);
    }
  }

  /** Reads and converts the whole file (streamed, a megabyte at a time), keeping row errors with their lines. */
  private async parse(file: HeldFile, mapping: ImportMapping | undefined, at: string, signal: AbortSignal, onProgress: (rows: number, bytes: number) => void): Promise<Parsed> {
    const inspection = await this.inspect(file.fileId, mapping?.encoding);
    const format = inspection.format;
    if (format === 'generic' && !mapping) throw new AppError('INVALID_INPUT', 'This is not a Bourse export: map its columns first.');
    const settings = mapping ?? inspection.suggested;
    if (settings.decimalSeparator === settings.thousandsSeparator) throw new AppError('INVALID_INPUT', 'The decimal and thousands separators must differ.');
    // Bourse writes UTF-8; a broker file is read in the encoding its mapping says.
    const encoding = format === 'bourse' ? (mapping?.encoding ?? 'utf-8') : settings.encoding;
    const decoder = new TextDecoder(encoding);
    const reader = new CsvReader(format === 'bourse' ? inspection.suggested.delimiter : settings.delimiter);
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
    // Broker files often list the newest first: read them oldest first (same-day rows keep their relative order).
    if (format === 'generic' && candidates.length > 1 && candidates[0]!.order > candidates.at(-1)!.order) candidates.reverse();
    let ordered = true;
    for (let i = 1; i < candidates.length && ordered; i++) ordered = candidates[i - 1]!.order <= candidates[i]!.order;
    if (ordered) return { format, candidates, errors, errorCount, rows };
    const sorted = candidates.map((c, i) => ({ c, i })).sort((a, b) => (a.c.order < b.c.order ? -1 : a.c.order > b.c.order ? 1 : a.i - b.i));
    return { format, candidates: sorted.map((x) => x.c), errors, errorCount, rows };
  }

  /**
   * Records every candidate through one BulkRecorder: each row exactly as ActivityService.recordIn would record it,
   * but with the catalogue, wallets and positions held for the whole file. A refused row writes nothing (its moves
   * are checked first), so every error of the file is found in this one pass, each against a true state.
   */
  private async apply(db: WriteDb, parsed: Parsed, activities: ActivityService, signal: AbortSignal, onProgress: (rows: number) => void): Promise<ImportReport> {
    const sql = statements(db, SQL);
    const bulk = activities.bulk(db);
    const errors = [...parsed.errors];
    let errorCount = parsed.errorCount;
    let fresh = 0;
    let duplicates = 0;
    const sample: ImportReport['sample'] = [];
    // Into a profile without activities, a row is a duplicate only of an earlier row of the same file. The rows of
    // this file are looked up in `written`, not the table: the recorder writes them in batches.
    const empty = sql.any.get() === undefined;
    const written = new Set<string>();
    for (let i = 0; i < parsed.candidates.length; i++) {
      if (i % CHUNK === 0 && i > 0) {
        onProgress(i);
        await new Promise((resolve) => setImmediate(resolve));
        signal.throwIfAborted();
      }
      const c = parsed.candidates[i]!;
      const duplicate = written.has(c.options.id) || (!empty && sql.exists.get(c.options.id) !== undefined);
      if (duplicate) duplicates += 1;
      else {
        try {
          bulk.checkDate(c.req.date);
          const order = c.fill && !sql.orderExists.get(c.fill.orderId) ? this.orderOf(db, c) : null;
          bulk.apply(bulk.plan(c.req, c.options.at, c.options), order ? () => this.recreateOrder(db, order) : undefined);
          written.add(c.options.id);
          fresh += 1;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          errorCount += 1;
          if (errors.length < MAX_ERRORS) errors.push({ line: c.line, field: typeof err.details?.field === 'string' ? err.details.field : null, code: err.code, message: `Line ${c.line}: ${err.message}` });
        }
      }
      if (sample.length < SAMPLE) sample.push(view(c, duplicate, db));
    }
    bulk.finish();
    errors.sort((a, b) => a.line - b.line);
    return { format: parsed.format, rows: parsed.rows, fresh, duplicates, errorCount, errors: errors.slice(0, MAX_ERRORS), sample };
  }

  /** An imported fill's order, as a filled market order, so the fill keeps its order id and the Orders page lists it. */
  private orderOf(db: WriteDb, c: Candidate): OrderToRecreate {
    const sql = statements(db, SQL);
    const f = c.fill!;
    const inst = sql.instrument.get(f.symbol) as { asset_class: string } | undefined;
    if (!inst) throw new AppError('NOT_FOUND', `${f.symbol} is not an instrument of your catalogue.`, { symbol: f.symbol, field: 'instrument' });
    const currency = (sql.quote.get(f.symbol) as { quote_currency: string }).quote_currency;
    const gross = (f.side === 'buy' ? subtract(f.total, f.fee) : add(f.total, f.fee));
    return { ...f, assetClass: inst.asset_class, currency, gross, at: c.options.at };
  }

  /** Writes the order `orderOf` checked, once the fill's own row is known to go in. */
  private recreateOrder(db: WriteDb, o: OrderToRecreate): void {
    const sql = statements(db, SQL);
    sql.insertOrder.run(o.orderId, o.symbol, o.assetClass, o.side, o.quantity, o.currency, o.quantity, o.price, o.gross, o.fee, o.total, o.at, o.at, o.at);
    sql.fill.run(o.orderId, o.quantity, o.price, o.gross, o.fee, o.at);
  }
}

type OrderToRecreate = NonNullable<Candidate['fill']> & { assetClass: string; currency: string; gross: string; at: string };

/** JSON with object keys sorted at every depth, so equal requests hash equal. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The first answer to an import:run key, or a conflict when the key was used for another request. */
function replay(db: WriteDb, key: string, hash: string): { rows: number; imported: number; duplicates: number } | null {
  const hit = statements(db, SQL).findKey.get(key) as { channel: string; request_hash: string; response: string } | undefined;
  if (!hit) return null;
  if (hit.channel !== 'import:run' || hit.request_hash !== hash) {
    throw new AppError('IDEMPOTENCY_CONFLICT', 'This request key was already used for a different request.', { idempotencyKey: key });
  }
  return JSON.parse(hit.response) as { rows: number; imported: number; duplicates: number };
}

function subtract(a: string, b: string): string {
  const places = Math.max(decimals(a), decimals(b));
  return Dec.of(a).minus(b).toFixed(places);
}

function add(a: string, b: string): string {
  const places = Math.max(decimals(a), decimals(b));
  return Dec.of(a).plus(b).toFixed(places);
}

function decimals(s: string): number {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function view(c: Candidate, duplicate: boolean, db: WriteDb): ImportReport['sample'][number] {
  const r = c.req;
  const trade = r.type === 'buy' || r.type === 'sell';
  let currency: string;
  let amount: string;
  if (r.type === 'fx-exchange') {
    currency = r.fromCurrency;
    amount = r.fromAmount;
  } else if (r.type === 'buy' || r.type === 'sell') {
    currency = (statements(db, SQL).quote.get(r.symbol) as { quote_currency: string } | undefined)?.quote_currency ?? '';
    amount = c.options.total ?? Dec.of(r.quantity).times(r.price).toFixed();
  } else {
    const cash = r as { currency: string; amount: string };
    currency = cash.currency;
    amount = cash.amount;
  }
  return {
    line: c.line,
    date: r.date,
    type: r.type,
    symbol: trade || r.type === 'dividend' ? (r.symbol ?? null) : null,
    quantity: trade ? r.quantity : null,
    price: trade ? r.price : null,
    currency,
    amount,
    fee: trade ? (r.fee ?? null) : null,
    note: r.note ?? null,
    duplicate,
  };
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

function decodeHead(head: Buffer, encoding: 'utf-8' | 'windows-1252'): string {
  return new TextDecoder(encoding).decode(head);
}
