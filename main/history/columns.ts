import type { Column } from '../export/columns.js';

/**
 * The columns of a history export, in order: the list first (date … note), then what makes Bourse's own
 * file import back without loss: the received side of an exchange, where the entry came from, its identity (so a
 * second import is recognised), when it was recorded and its position in the profile's record (`seq`, which orders
 * entries made in the same millisecond). The import recognises a Bourse file by exactly these names.
 *
 * A row is a plain array in this order (no object per row: an export of a million rows makes a million of them).
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

export type ExportRecord = unknown[];

const NUMBERS = new Set(['quantity', 'price', 'amount', 'fee', 'fxRate', 'baseAmount', 'balanceAfter', 'toAmount', 'seq']);

export const EXPORT_COLUMNS: Column<ExportRecord>[] = EXPORT_HEADER.map((name, i) => ({
  name,
  kind: NUMBERS.has(name) ? 'number' : 'text',
  get: (r: ExportRecord) => r[i],
}));
