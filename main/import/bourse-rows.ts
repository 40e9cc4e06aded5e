import { ActivityType } from '../../shared/contract/index.js';
import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import { unneutralise } from '../export/columns.js';
import { EXPORT_HEADER } from '../history/columns.js';
import { fail, isZero, PLACEHOLDER_KEY, positive, schemaError, type Candidate, type RowResult } from './candidate.js';
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

/** A reader of Bourse's own export (the round trip: every field back exactly as exported). */
export function bourseRows(headers: readonly string[]): (rec: CsvRecord) => RowResult {
  const at = new Map(headers.map((h, i) => [unneutralise(h), i]));
  const col = (name: string): number => at.get(name)!;
  // orderId and transferWith are optional: a file from before either column still imports.
  const c = { type: col('type'), date: col('date'), createdAt: col('createdAt'), source: col('source'), id: col('id'), note: col('note'), orderId: at.get('orderId'), instrument: col('instrument'), currency: col('currency'), toCurrency: col('toCurrency'), transferWith: at.get('transferWith') };
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
      if (type !== 'withdrawal' && type !== 'deposit') return fail(line, 'transferWith', `transferWith: a ${type} is no leg of a cash transfer between accounts.`);
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
    if (transferWith !== null) candidate.transferWith = transferWith;
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
