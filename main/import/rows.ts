import { createHash } from 'node:crypto';
import type { ActivityRecordRequest, ImportField, ImportMapping } from '../../shared/contract/index.js';
import { ActivityRecordRequest as RequestSchema, ActivityType } from '../../shared/contract/index.js';
import type { RecordOptions } from '../activities/service.js';
import { unneutralise } from '../export/columns.js';
import { EXPORT_HEADER } from '../history/columns.js';
import type { CsvRecord } from './csv-reader.js';
import { parseDate, parseNumber, parsePlain, typeReader } from './formats.js';
import { surelyValid } from './request-check.js';

/** One row of a file, ready for ActivityService.recordIn (or the reason it is not). */
export interface Candidate {
  line: number;
  req: ActivityRecordRequest;
  options: RecordOptions & { id: string; at: string };
  /** Import order: Bourse rows by when they were recorded, broker rows by date (then file order). */
  order: string;
  /** A fill of an order placed in Bourse: the order row to recreate when the profile does not have it. */
  fill?: { orderId: string; side: 'buy' | 'sell'; symbol: string; quantity: string; price: string; fee: string; total: string };
}

export interface RowError {
  line: number;
  field: string | null;
  code: string;
  message: string;
}

export type RowResult = { ok: true; candidate: Candidate } | { ok: false; error: RowError };

/** Bourse's own file is recognised by its header: these columns, in any order (more columns are allowed). */
const BOURSE_REQUIRED = ['date', 'type', 'instrument', 'quantity', 'price', 'currency', 'amount', 'fee', 'note', 'toCurrency', 'toAmount', 'source', 'id', 'createdAt', 'seq'];

export function isBourseHeader(headers: readonly string[]): boolean {
  const set = new Set(headers.map((h) => unneutralise(h)));
  return BOURSE_REQUIRED.every((h) => set.has(h)) && EXPORT_HEADER.every((h) => set.has(h));
}

const PLACEHOLDER_KEY = 'import-row';

function fail(line: number, field: string | null, message: string, code = 'INVALID_INPUT'): RowResult {
  return { ok: false, error: { line, field, code, message } };
}

function schemaError(line: number, req: Record<string, unknown>): RowResult | null {
  // zod only for a row the hand check cannot pass (it then words the refusal).
  if (surelyValid(req)) return null;
  const parsed = RequestSchema.safeParse(req);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || null;
  return fail(line, field, field ? `${field}: ${issue.message}` : issue.message);
}

const positive = (s: string) => (s.startsWith('-') ? s.slice(1) : s);
const isZero = (s: string) => !/[1-9]/.test(s);

const ACTIVITY_TYPES: ReadonlySet<string> = new Set(ActivityType.options);
const NUMBER_FIELDS = ['quantity', 'price', 'amount', 'fee', 'toAmount', 'seq'] as const;
const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ENTRY_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A reader of Bourse's own export (the round trip: every field back exactly as exported). */
export function bourseRows(headers: readonly string[]): (rec: CsvRecord) => RowResult {
  const at = new Map(headers.map((h, i) => [unneutralise(h), i]));
  const col = (name: string): number => at.get(name)!;
  const c = { type: col('type'), date: col('date'), createdAt: col('createdAt'), source: col('source'), id: col('id'), note: col('note'), orderId: at.get('orderId'), instrument: col('instrument'), currency: col('currency'), toCurrency: col('toCurrency') };
  const numberAt = NUMBER_FIELDS.map((name) => col(name));
  // A date's validity is the same on every row that has it (a file has a few hundred days for 100,000 rows).
  const goodDates = new Set<string>();
  return (rec) => {
    const f = rec.fields;
    const line = rec.line;
    const type = field(f, c.type);
    if (!ACTIVITY_TYPES.has(type)) return fail(line, 'type', `"${type}" is not a Bourse activity type.`);
    // Plain decimals only, exactly as exported: '' is a missing value, anything else not a number refuses the row.
    // Held by position (NUMBER_FIELDS order), not in a record keyed by name: one shape, no keyed stores per row.
    const nums: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];
    for (let k = 0; k < numberAt.length; k++) {
      const v = field(f, numberAt[k]!);
      if (v === '') continue;
      if (parsePlain(v) === null) return fail(line, NUMBER_FIELDS[k]!, `${NUMBER_FIELDS[k]}: "${v}" is not a number.`);
      nums[k] = v;
    }
    const [quantity, price, amountText, feeText, toAmount, seq] = nums;
    const date = field(f, c.date);
    if (!goodDates.has(date)) {
      if (parseDate(date, 'YYYY-MM-DD') !== date) return fail(line, 'date', `date: "${date}" is not a date (YYYY-MM-DD).`);
      goodDates.add(date);
    }
    const createdAt = field(f, c.createdAt);
    if (!CREATED_AT.test(createdAt)) return fail(line, 'createdAt', `createdAt: "${createdAt}" is not a time (ISO 8601, UTC).`);
    const source = field(f, c.source);
    if (source !== 'order' && source !== 'wallet' && source !== 'manual') return fail(line, 'source', `source: "${source}" is not order, wallet or manual.`);
    const id = field(f, c.id);
    if (!ENTRY_ID.test(id)) return fail(line, 'id', `id: "${id.slice(0, 40)}" is not an entry id.`);
    if (amountText === undefined) return fail(line, 'amount', 'amount: missing.');
    const amount = positive(amountText);
    const note = field(f, c.note) || undefined;
    const orderId = (c.orderId === undefined ? '' : field(f, c.orderId)) || null;
    if (source === 'order' && !orderId) return fail(line, 'orderId', 'orderId: a fill of an order needs its order id.');
    const idempotencyKey = PLACEHOLDER_KEY;
    let req: Record<string, unknown>;
    const fee = feeText && !isZero(feeText) ? feeText : undefined;
    const instrument = field(f, c.instrument);
    const trade = type === 'buy' || type === 'sell';
    switch (type) {
      case 'buy':
      case 'sell':
        req = { type, symbol: instrument, quantity, price, fee, date, note, idempotencyKey };
        break;
      case 'fx-exchange':
        req = { type, fromCurrency: field(f, c.currency), fromAmount: amount, toCurrency: field(f, c.toCurrency), toAmount, date, note, idempotencyKey };
        break;
      case 'dividend':
        req = { type, currency: field(f, c.currency), amount, symbol: instrument || undefined, date, note, idempotencyKey };
        break;
      default:
        req = { type, currency: field(f, c.currency), amount, date, note, idempotencyKey };
    }
    const bad = schemaError(line, req);
    if (bad) return bad;
    const candidate: Candidate = {
      line,
      req: req as ActivityRecordRequest,
      options: trade ? { id, at: createdAt, source, orderId, total: amount } : { id, at: createdAt, source, orderId },
      order: `${createdAt}|${(seq ?? '0').padStart(16, '0')}`,
    };
    if (source === 'order' && trade) {
      candidate.fill = { orderId: orderId!, side: type, symbol: instrument, quantity: quantity!, price: price!, fee: feeText ?? '0', total: amount };
      candidate.options.ledgerNote = `${type === 'buy' ? 'Bought' : 'Sold'} ${quantity} ${instrument}`;
    }
    return { ok: true, candidate };
  };
}

/** A field of a record as exported (a formula guard taken off). */
function field(fields: readonly string[], i: number): string {
  return unneutralise(fields[i] ?? '');
}

/** A reader of a broker's CSV through a mapping. `seen` counts identical rows so two equal trades stay two. */
export function genericRows(headers: readonly string[], mapping: ImportMapping, at: string): { read: (rec: CsvRecord) => RowResult; missing: string[] } {
  const index = new Map(headers.map((h, i) => [h.trim(), i]));
  const missing: string[] = [];
  const col: Partial<Record<ImportField, number>> = {};
  for (const [field, header] of Object.entries(mapping.columns) as [ImportField, string | undefined][]) {
    if (!header) continue;
    const i = index.get(header.trim());
    if (i === undefined) missing.push(header);
    else col[field] = i;
  }
  const typeOf = typeReader(mapping.typeValues);
  const seen = new Map<string, number>();
  const read = (rec: CsvRecord): RowResult => {
    const line = rec.line;
    const text = (f: ImportField): string => (col[f] === undefined ? '' : (rec.fields[col[f]!] ?? '').trim());
    const num = (f: ImportField): string | undefined | null => {
      const t = text(f);
      if (t === '') return undefined;
      return parseNumber(t, mapping.decimalSeparator, mapping.thousandsSeparator);
    };
    const rawDate = text('date');
    if (!rawDate) return fail(line, 'date', 'date: missing.');
    const date = parseDate(rawDate, mapping.dateFormat);
    if (!date) return fail(line, 'date', `date: "${rawDate.slice(0, 40)}" is not a date in the format ${mapping.dateFormat}.`);
    const values = { quantity: num('quantity'), price: num('price'), amount: num('amount'), fee: num('fee'), toAmount: num('toAmount') };
    for (const [name, v] of Object.entries(values)) {
      if (v === null) {
        const sep = mapping.decimalSeparator === ',' ? 'a decimal comma' : 'a decimal point';
        return fail(line, name, `${name}: "${text(name as ImportField).slice(0, 40)}" is not a number (this mapping reads ${sep}${mapping.thousandsSeparator ? ` and "${mapping.thousandsSeparator}" between thousands` : ', no thousands separator'}).`);
      }
    }
    let type: ActivityRecordRequest['type'] | null;
    const rawType = text('type');
    if (col.type !== undefined) {
      type = typeOf(rawType);
      if (!type) return fail(line, 'type', `type: "${rawType.slice(0, 40)}" is not a known type (add it to the mapping's words for a type).`);
    } else if (mapping.typeFromSign) {
      if (values.amount === undefined) return fail(line, 'amount', 'amount: missing (the type is read from its sign).');
      type = values.amount!.startsWith('-') ? 'withdrawal' : 'deposit';
    } else return fail(line, 'type', 'type: no column is mapped to it.');
    const symbol = text('instrument').toUpperCase() || undefined;
    const currency = (text('currency') || mapping.defaultCurrency || '').toUpperCase();
    const amount = values.amount === undefined ? undefined : positive(values.amount!);
    const note = text('note') || undefined;
    const fee = values.fee && !isZero(values.fee) ? positive(values.fee) : undefined;
    const base = { date, note, idempotencyKey: PLACEHOLDER_KEY };
    let req: Record<string, unknown>;
    let total: string | undefined;
    switch (type) {
      case 'buy':
      case 'sell':
        if (!symbol) return fail(line, 'instrument', 'instrument: missing for a trade.');
        req = { type, symbol, quantity: values.quantity && positive(values.quantity), price: values.price && positive(values.price), fee, ...base };
        // The broker's own cash figure (fee included) when the file has one: it is what really moved.
        total = amount;
        break;
      case 'fx-exchange':
        req = { type, fromCurrency: currency, fromAmount: amount, toCurrency: text('toCurrency').toUpperCase(), toAmount: values.toAmount && positive(values.toAmount), ...base };
        break;
      case 'dividend':
        req = { type, currency, amount, symbol, ...base };
        break;
      default:
        req = { type, currency, amount, ...base };
    }
    if (type !== 'buy' && type !== 'sell' && !currency) return fail(line, 'currency', 'currency: missing (map a column or choose a default currency).');
    const bad = schemaError(line, req);
    if (bad) return bad;
    const external = text('externalId');
    const identity = external ? `x:${external}` : JSON.stringify([type, date, symbol ?? '', req.quantity ?? '', req.price ?? '', fee ?? '', currency, amount ?? '', req.toCurrency ?? '', req.toAmount ?? '', note ?? '']);
    const n = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, n);
    const id = `imp-${createHash('sha256').update(external ? identity : `${identity}#${n}`).digest('base64url').slice(0, 32)}`;
    return {
      ok: true,
      candidate: {
        line,
        req: req as ActivityRecordRequest,
        options: { id, at, source: 'manual', ...(total !== undefined ? { total } : {}) },
        order: date,
      },
    };
  };
  return { read, missing };
}

/** Header names a broker might use for each field, compared without case, spaces or punctuation. */
const HEADER_WORDS: Record<ImportField, string[]> = {
  date: ['date', 'tradedate', 'transactiondate', 'bookingdate', 'valuedate', 'settlementdate', 'datum', 'buchungstag', 'valuta', 'time', 'datetime', 'timestamp'],
  type: ['type', 'transactiontype', 'action', 'side', 'activity', 'activitytype', 'transaction', 'typ', 'art', 'buchungsart', 'operation'],
  instrument: ['symbol', 'ticker', 'instrument', 'security', 'asset', 'stock', 'wertpapier', 'titre'],
  quantity: ['quantity', 'qty', 'shares', 'units', 'anzahl', 'stuck', 'stück', 'quantite', 'quantité', 'nominal'],
  price: ['price', 'unitprice', 'pricepershare', 'kurs', 'preis', 'prix', 'cours'],
  currency: ['currency', 'ccy', 'curr', 'wahrung', 'währung', 'devise', 'moneda'],
  amount: ['amount', 'total', 'netamount', 'value', 'betrag', 'montant', 'net', 'proceeds', 'cashamount'],
  fee: ['fee', 'fees', 'commission', 'commissions', 'gebuhr', 'gebühr', 'gebühren', 'frais', 'charges'],
  note: ['note', 'notes', 'notiz', 'description', 'memo', 'comment', 'beschreibung', 'text', 'details', 'libelle', 'libellé'],
  toCurrency: ['tocurrency', 'targetcurrency', 'zielwahrung', 'zielwährung'],
  toAmount: ['toamount', 'targetamount', 'zielbetrag'],
  externalId: ['id', 'transactionid', 'reference', 'ref', 'tradeid', 'referenz'],
};

const squash = (h: string) => h.toLowerCase().replace(/[\s_\-./()]+/g, '');

export function guessColumns(headers: readonly string[]): ImportMapping['columns'] {
  const out: ImportMapping['columns'] = {};
  const used = new Set<string>();
  for (const [field, words] of Object.entries(HEADER_WORDS) as [ImportField, string[]][]) {
    const hit = headers.find((h) => !used.has(h) && words.includes(squash(h)));
    if (hit) {
      out[field] = hit;
      used.add(hit);
    }
  }
  return out;
}
