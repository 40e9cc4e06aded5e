import { ActivityType } from '../../shared/contract/index.js';
import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import { unneutralise } from '../export/columns.js';
import { EXPORT_HEADER } from '../history/columns.js';
import { fail, isZero, PLACEHOLDER_KEY, positive, schemaError, type AccountRef, type Candidate, type RowResult, type UnitsLegRequest } from './candidate.js';
import type { CsvRecord } from './csv-reader.js';
import { parseDate, parsePlain } from './formats.js';

/** Bourse's own file is recognised by its header: these columns, in any order (more columns are allowed). */
const BOURSE_REQUIRED = ['date', 'type', 'instrument', 'quantity', 'price', 'currency', 'amount', 'fee', 'note', 'toCurrency', 'toAmount', 'source', 'id', 'createdAt', 'seq'];

export function isBourseHeader(headers: readonly string[]): boolean {
  const set = new Set(headers.map((h) => unneutralise(h)));
  return BOURSE_REQUIRED.every((h) => set.has(h)) && EXPORT_HEADER.every((h) => set.has(h));
}

const ACTIVITY_TYPES: ReadonlySet<string> = new Set(ActivityType.options);
const NUMBER_FIELDS = ['quantity', 'price', 'amount', 'fee', 'toAmount', 'seq'] as const;
const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ENTRY_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface BourseFile {
  /** CSV: text cells carry the export's formula guard (taken off here); JSON has none. */
  neutralised: boolean;
  /** A JSON export's accounts block, by id: what a row that names only its account's id is read with. */
  accounts?: ReadonlyMap<string, AccountRef>;
}

/** A reader of Bourse's own export (the round trip: every field back exactly as exported). */
export function bourseRows(headers: readonly string[], file: BourseFile = { neutralised: true }): (rec: CsvRecord) => RowResult {
  const field = file.neutralised ? guardedField : plainField;
  const at = new Map(headers.map((h, i) => [file.neutralised ? unneutralise(h) : h, i]));
  const col = (name: string): number => at.get(name)!;
  // orderId, transferWith and the account's columns are optional: a file from before any of them still imports.
  const c = { type: col('type'), date: col('date'), createdAt: col('createdAt'), source: col('source'), id: col('id'), note: col('note'), orderId: at.get('orderId'), instrument: col('instrument'), currency: col('currency'), toCurrency: col('toCurrency'), transferWith: at.get('transferWith') };
  const accountOf = accountReader(at, field, file.accounts);
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
    const transferWith = (c.transferWith === undefined ? '' : field(f, c.transferWith)) || null;
    if (transferWith !== null) {
      if (type !== 'withdrawal' && type !== 'deposit' && !UNIT_LEGS.has(type)) return fail(line, 'transferWith', `transferWith: a ${type} is no leg of a transfer between accounts.`);
      if (!ENTRY_ID.test(transferWith) || transferWith === id) return fail(line, 'transferWith', `transferWith: "${transferWith.slice(0, 40)}" is not the id of another entry.`);
    }
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
      case 'split':
      case 'stock-dividend':
        // The ratio as the activity stores it: numerator in `quantity`, denominator in `price` (main/ledger/corporate.ts).
        req = { type, symbol: instrument, numerator: quantity, denominator: price, date, note, idempotencyKey };
        break;
      case 'symbol-change':
        // The new symbol is stored in `to_currency` (main/ledger/corporate.ts).
        req = { type, symbol: instrument, newSymbol: field(f, c.toCurrency), date, note, idempotencyKey };
        break;
      case 'transfer-out':
      case 'transfer-in': {
        if (!instrument) return fail(line, 'instrument', `instrument: a ${type} names the instrument moved.`);
        if (quantity === undefined || !/[1-9]/.test(quantity) || quantity.startsWith('-')) return fail(line, 'quantity', `quantity: a ${type} moves a positive quantity.`);
        if (transferWith === null) return fail(line, 'transferWith', `transferWith: a ${type} is one leg of a transfer and needs the id of its other leg.`);
        const leg: UnitsLegRequest = { type, symbol: instrument, quantity, currency: field(f, c.currency), date, note };
        req = leg as unknown as Record<string, unknown>;
        break;
      }
      default:
        req = { type, currency: field(f, c.currency), amount, date, note, idempotencyKey };
    }
    const bad = UNIT_LEGS.has(type) ? null : schemaError(line, req);
    if (bad) return bad;
    const candidate: Candidate = {
      line,
      req: req as ActivityRecordRequest | UnitsLegRequest,
      options: trade ? { id, at: createdAt, source, orderId, total: amount } : { id, at: createdAt, source, orderId },
      order: `${createdAt}|${(seq ?? '0').padStart(16, '0')}`,
    };
    const account = accountOf(f);
    if (account) candidate.account = account;
    if (seq !== undefined) candidate.seq = Number(seq);
    if (transferWith !== null) candidate.transferWith = transferWith;
    if (source === 'order' && trade) {
      candidate.fill = { orderId: orderId!, side: type, symbol: instrument, quantity: quantity!, price: price!, fee: feeText ?? '0', total: amount };
      candidate.options.ledgerNote = `${type === 'buy' ? 'Bought' : 'Sold'} ${quantity} ${instrument}`;
    }
    return { ok: true, candidate };
  };
}

const UNIT_LEGS: ReadonlySet<string> = new Set(['transfer-out', 'transfer-in']);

/** A field of a CSV record as exported (a formula guard taken off). */
function guardedField(fields: readonly string[], i: number): string {
  return unneutralise(fields[i] ?? '');
}

/** A field of a JSON entry (JSON has no formula guard). */
function plainField(fields: readonly string[], i: number): string {
  return fields[i] ?? '';
}

/**
 * The account each row names (accountId, accountName, accountKind, accountInstitution, accountMethod), or undefined
 * when the file has none of these columns or the row's cells are empty. Rows come in long stretches of one account:
 * the last answer is kept while a row names the same account.
 */
function accountReader(at: ReadonlyMap<string, number>, field: (f: readonly string[], i: number) => string, block?: ReadonlyMap<string, AccountRef>): (f: readonly string[]) => AccountRef | undefined {
  const idAt = at.get('accountId');
  const nameAt = at.get('accountName');
  if (idAt === undefined && nameAt === undefined) return () => undefined;
  const kindAt = at.get('accountKind');
  const institutionAt = at.get('accountInstitution');
  const methodAt = at.get('accountMethod');
  const cell = (f: readonly string[], i: number | undefined) => (i === undefined ? null : field(f, i) || null);
  let last: AccountRef | undefined;
  return (f) => {
    const id = cell(f, idAt);
    const name = cell(f, nameAt);
    if (id === null && name === null) return undefined;
    const kind = cell(f, kindAt);
    const institution = cell(f, institutionAt);
    const costMethod = cell(f, methodAt);
    if (last && last.id === id && last.name === name && last.kind === kind && last.institution === institution && last.costMethod === costMethod) return last;
    const listed = id === null || name !== null ? undefined : block?.get(id);
    last = listed ?? { id, name, kind, institution, costMethod };
    return last;
  };
}
