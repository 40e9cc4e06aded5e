import { createHash } from 'node:crypto';
import type { ActivityRecordRequest, ImportField, ImportMapping } from '../../shared/contract/index.js';
import { Dec } from '../../shared/decimal/index.js';
import { fail, isZero, PLACEHOLDER_KEY, positive, schemaError, type Candidate, type RowResult } from './candidate.js';
import type { CsvRecord } from './csv-reader.js';
import { parseDate, parseNumber, splitUnit, trimZeros, typeReader } from './formats.js';

/** Decimal places of a price derived from a trade's value: the cash stays exact, the price is per unit. */
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
        if (amount === undefined && values.quantity && values.price) amount = Dec.of(positive(values.quantity)).times(positive(values.price)).toFixed();
        req = { type, currency, amount, symbol, ...base };
        break;
      default:
        // A fee row that gives its figure in the fee column only (Ghostfolio).
        if ((amount === undefined || isZero(amount)) && type === 'fee' && fee) amount = fee;
        else if (amount === undefined && values.quantity && values.price) amount = Dec.of(positive(values.quantity)).times(positive(values.price)).toFixed();
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
  const gross = type === 'buy' ? Dec.of(total).minus(fee ?? '0') : Dec.of(total).plus(fee ?? '0');
  return trimZeros(gross.div(quantity).round(DIVIDE_PLACES).toFixed());
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
