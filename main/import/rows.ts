import { createHash } from 'node:crypto';
import type { ActivityRecordRequest, ImportField, ImportMapping } from '../../shared/contract/index.js';
import { ActivityRecordRequest as RequestSchema, ActivityType } from '../../shared/contract/index.js';
import type { RecordOptions } from '../activities/service.js';
import { unneutralise } from '../export/columns.js';
import { EXPORT_HEADER } from '../history/columns.js';
import type { CsvRecord } from './csv-reader.js';
import { D } from '../../shared/money.js';
import { parseDate, parseNumber, parsePlain, splitUnit, trimZeros, typeReader } from './formats.js';
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
  /** A broker row's instrument as the file names it (resolved against the catalogue when checked). */
  ref?: InstrumentRef;
  /** A broker trade's currencies of its total and fee: either figure is kept only in the instrument's currency. */
  trade?: { totalCurrency: string | null; feeCurrency: string | null };
  /** Set when checking left out the total or fee for being in another currency than the instrument's. */
  otherCurrency?: boolean;
}

export interface RowError {
  line: number;
  field: string | null;
  code: string;
  message: string;
}

export type RowResult = { ok: true; candidate: Candidate } | { ok: false; error: RowError; skip?: undefined } | { ok: false; skip: string; error?: undefined };

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

/** What a broker row names as its instrument, kept to resolve it against the catalogue and to list it when unknown. */
export interface InstrumentRef {
  /** The ticker, crypto asset or pair, or the ISIN when that is all the row has. */
  reference: string;
  isin: string | null;
  name: string | null;
  /** The row's currency, when the file gives one (a crypto asset's pair is found with it). */
  currency: string | null;
}

const DIVIDE_PLACES = 10;

/**
 * A reader of a broker's CSV through a mapping. `seen` counts identical rows so two equal trades stay two. A row of
 * a type the mapping skips answers `skip` with its type word.
 */
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
  const skips = skipReader(mapping.skipTypes);
  const seen = new Map<string, number>();
  const read = (rec: CsvRecord): RowResult => {
    const line = rec.line;
    const text = (f: ImportField): string => (col[f] === undefined ? '' : (rec.fields[col[f]!] ?? '').trim());
    const units: Partial<Record<ImportField, string>> = {};
    const num = (f: ImportField): string | undefined | null => {
      let t = text(f);
      if (t === '') return undefined;
      if (mapping.valuesWithUnits) {
        const u = splitUnit(t);
        t = u.value;
        if (u.unit) units[f] = u.unit;
      }
      return parseNumber(t, mapping.decimalSeparator, mapping.thousandsSeparator);
    };
    const rawType = text('type');
    const skipped = col.type !== undefined ? skips(rawType) : null;
    if (skipped) return { ok: false, skip: skipped };
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
    if (col.type !== undefined) {
      type = typeOf(rawType);
      if (!type) return fail(line, 'type', `type: "${rawType.slice(0, 40)}" is not a known type (add it to the mapping's words for a type).`);
    } else if (mapping.sideFromQuantity && values.quantity !== undefined) {
      type = values.quantity!.startsWith('-') ? 'sell' : 'buy';
    } else if (mapping.typeFromSign) {
      if (values.amount === undefined) return fail(line, 'amount', 'amount: missing (the type is read from its sign).');
      type = values.amount!.startsWith('-') ? 'withdrawal' : 'deposit';
    } else return fail(line, 'type', 'type: no column is mapped to it.');
    if (mapping.signedCash && (type === 'deposit' || type === 'withdrawal') && values.amount !== undefined) type = values.amount!.startsWith('-') ? 'withdrawal' : 'deposit';
    const isin = text('isin').toUpperCase() || null;
    const symbol = text('instrument').toUpperCase() || isin || undefined;
    const fileCurrency = (text('currency') || units.amount || units.price || mapping.defaultCurrency || '').toUpperCase();
    const currency = fileCurrency;
    let amount = values.amount === undefined ? undefined : positive(values.amount!);
    const note = text('note') || undefined;
    const fee = values.fee && !isZero(values.fee) ? trimZeros(positive(values.fee)) : undefined;
    const base = { date, note, idempotencyKey: PLACEHOLDER_KEY };
    let req: Record<string, unknown>;
    let total: string | undefined;
    let trade: Candidate['trade'];
    switch (type) {
      case 'buy':
      case 'sell': {
        if (!symbol) return fail(line, 'instrument', 'instrument: missing for a trade.');
        const quantity = values.quantity && trimZeros(positive(values.quantity));
        let price = values.price && trimZeros(positive(values.price));
        // A file with the trade's value but no price (Portfolio Performance): the price is what was paid per unit.
        if (!price && quantity && amount && !isZero(quantity)) price = derivedPrice(type, amount, fee, quantity);
        req = { type, symbol, quantity, price, fee, ...base };
        // The broker's own cash figure (fee included) when the file has one: it is what really moved.
        total = amount;
        trade = { totalCurrency: units.amount ?? (fileCurrency || null), feeCurrency: units.fee ?? (fileCurrency || null) };
        break;
      }
      case 'fx-exchange':
        req = { type, fromCurrency: currency, fromAmount: amount, toCurrency: text('toCurrency').toUpperCase(), toAmount: values.toAmount && positive(values.toAmount), ...base };
        break;
      case 'dividend':
        // A dividend given per share (Ghostfolio, Wealthfolio): the amount is shares times the rate.
        if (amount === undefined && values.quantity && values.price) amount = new D(positive(values.quantity)).times(positive(values.price)).toFixed();
        req = { type, currency, amount, symbol, ...base };
        break;
      default:
        // A fee row that gives its figure in the fee column only (Ghostfolio).
        if ((amount === undefined || isZero(amount)) && type === 'fee' && fee) amount = fee;
        else if (amount === undefined && values.quantity && values.price) amount = new D(positive(values.quantity)).times(positive(values.price)).toFixed();
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
    const candidate: Candidate = {
      line,
      req: req as ActivityRecordRequest,
      options: { id, at, source: 'manual', ...(total !== undefined ? { total } : {}) },
      order: date,
    };
    if (symbol && (trade || type === 'dividend')) candidate.ref = { reference: symbol, isin, name: text('instrumentName') || null, currency: fileCurrency || null };
    if (trade) candidate.trade = trade;
    return { ok: true, candidate };
  };
  return { read, missing };
}

/** Price per unit from a trade's cash figure: (total − fee) / quantity for a purchase, (total + fee) / quantity for a sale. */
function derivedPrice(type: 'buy' | 'sell', total: string, fee: string | undefined, quantity: string): string {
  const gross = type === 'buy' ? new D(total).minus(fee ?? '0') : new D(total).plus(fee ?? '0');
  return trimZeros(gross.dividedBy(quantity).toDecimalPlaces(DIVIDE_PLACES, D.ROUND_HALF_EVEN).toFixed());
}

/** Matches a type word against the mapping's skipped types (exact, or by prefix for a word ending in `*`). */
function skipReader(words: readonly string[] | undefined): (text: string) => string | null {
  if (!words?.length) return () => null;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const w of words) {
    const k = w.trim().toLowerCase();
    if (k.endsWith('*')) prefixes.push(k.slice(0, -1));
    else exact.add(k);
  }
  return (text) => {
    const k = text.trim().toLowerCase().replace(/\s+/g, ' ');
    return exact.has(k) || prefixes.some((p) => k.startsWith(p)) ? text.trim() : null;
  };
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
  isin: ['isin'],
  instrumentName: ['name', 'securityname', 'productname', 'product', 'produkt', 'wertpapiername'],
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
