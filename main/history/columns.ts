import type { Column } from '../export/columns.js';
import { Converter, type RateBook } from './rates.js';
import { isOutflow, signedAmount } from '../activities/view.js';

/**
 * The columns of a history export, in order: the list first (date … note), then what makes Bourse's own
 * file import back without loss: the received side of an exchange, where the entry came from, its identity (so a
 * second import is recognised), when it was recorded and its position in the profile's record (`seq`, which orders
 * entries made in the same millisecond). The import recognises a Bourse file by exactly these names.
 */
export const EXPORT_HEADER = [
  'date',
  'type',
  'instrument',
  'quantity',
  'price',
  'currency',
  'amount',
  'fee',
  'fxRate',
  'baseCurrency',
  'baseAmount',
  'balanceAfter',
  'orderId',
  'note',
  'toCurrency',
  'toAmount',
  'source',
  'id',
  'createdAt',
  'seq',
] as const;

/**
 * The export's columns: EXPORT_HEADER (what the import requires of a Bourse file), then the entry's account and, on
 * a leg of a transfer between accounts, the other leg's `id` (the marker, main/ledger/transfer-legs.ts), so that an
 * import pairs the legs again; then what recreates the account in another profile, where its id means nothing (its
 * name, kind, institution and cost-basis method: main/import/accounts.ts). Files without the later columns still
 * import (their rows then go to the account the import is given, their legs stay unpaired).
 */
export const EXPORT_COLUMNS = [...EXPORT_HEADER, 'accountId', 'transferWith', 'accountName', 'accountKind', 'accountInstitution', 'accountMethod'] as const;

/** An account as the export describes it (ACCOUNTS_SQL's row). */
export interface ExportAccount {
  id: string;
  name: string;
  kind: string;
  institution: string | null;
  cost_method: string;
}

const NUMBERS = new Set(['quantity', 'price', 'amount', 'fee', 'fxRate', 'baseAmount', 'balanceAfter', 'toAmount', 'seq']);

/**
 * The export's columns over the rows of the export query as SQLite returns them (raw arrays: no object per row, and
 * no record array built per row either): `[rid, sort keys…, id, date, type, symbol, quantity, price, fee, currency,
 * amount, to_currency, to_amount, order_id, source, note, created_at, balance_after, account_id, transfer_with]`, the
 * row's data starting at `offset` (main/history/row-sql.ts ROW_SQL). Each column reads its cell from that array or
 * derives it: the signed amount, the rate of the entry's own date, the base amount, the base currency, the rowid as
 * `seq`.
 */
export function exportColumns(offset: number, rates: RateBook, baseDigits: number, accounts: readonly ExportAccount[]): Column<unknown[]>[] {
  const o = offset;
  const byId = new Map(accounts.map((a) => [a.id, a]));
  // The account of the last row asked: four columns of a row ask for the same one, and rows run in long stretches of one account.
  let lastId: unknown = null;
  let lastAccount: ExportAccount | undefined;
  const accountOf = (r: unknown[]) => {
    const id = r[o + 16];
    if (id !== lastId) {
      lastAccount = byId.get(id as string);
      lastId = id;
    }
    return lastAccount;
  };
  const converter = new Converter(baseDigits);
  const text = (r: unknown[], i: number) => r[o + i] as string | null;
  // The rate of the last (currency, date) asked: fxRate and baseAmount of a row ask for the same one, and in date
  // order most rows share their neighbour's date.
  let lastCurrency: unknown = null;
  let lastDate: unknown = null;
  let lastRate: string | null = null;
  const rateOf = (r: unknown[]) => {
    const currency = r[o + 7];
    const date = r[o + 1];
    if (currency !== lastCurrency || date !== lastDate) {
      lastRate = rates.rate(currency as string, date as string);
      lastCurrency = currency;
      lastDate = date;
    }
    return lastRate;
  };
  const get: Record<(typeof EXPORT_COLUMNS)[number], (r: unknown[]) => unknown> = {
    date: (r) => r[o + 1],
    type: (r) => r[o + 2],
    instrument: (r) => r[o + 3],
    quantity: (r) => r[o + 4],
    price: (r) => r[o + 5],
    currency: (r) => r[o + 7],
    amount: (r) => signedAmount(text(r, 2)!, text(r, 8)!),
    fee: (r) => r[o + 6],
    fxRate: rateOf,
    baseCurrency: () => rates.base,
    baseAmount: (r) => {
      const rate = rateOf(r);
      return rate === null ? null : converter.convert(text(r, 8)!, isOutflow(text(r, 2)!), rate);
    },
    balanceAfter: (r) => r[o + 15],
    orderId: (r) => r[o + 11],
    note: (r) => r[o + 13],
    toCurrency: (r) => r[o + 9],
    toAmount: (r) => r[o + 10],
    source: (r) => r[o + 12],
    id: (r) => r[o],
    createdAt: (r) => r[o + 14],
    seq: (r) => r[0],
    accountId: (r) => r[o + 16],
    transferWith: (r) => r[o + 17],
    accountName: (r) => accountOf(r)?.name,
    accountKind: (r) => accountOf(r)?.kind,
    accountInstitution: (r) => accountOf(r)?.institution,
    accountMethod: (r) => accountOf(r)?.cost_method,
  };
  return EXPORT_COLUMNS.map((name) => ({ name, kind: NUMBERS.has(name) ? 'number' : 'text', get: get[name] }));
}

/**
 * What a JSON export of the history writes before its rows' array and after it: an object with the profile's
 * accounts (each with what recreates it elsewhere) and the rows as `activities`, the key the import reads.
 */
export function jsonEnvelope(accounts: readonly ExportAccount[]): { head: string; tail: string } {
  const list = accounts.map((a) => ({ id: a.id, name: a.name, kind: a.kind, institution: a.institution, costMethod: a.cost_method }));
  return { head: `{"format":"bourse-history","version":1,"accounts":${JSON.stringify(list)},"activities":`, tail: JSON_ENVELOPE_TAIL };
}

/** The envelope's end (the same for every export: the parts' joiner writes it without the accounts). */
export const JSON_ENVELOPE_TAIL = '}';
