import type { HistoryEntry } from '../../shared/contract/index.js';
import type { Column } from '../export/columns.js';

/**
 * The columns of a history export, in order: the list first (date … note), then what makes Bourse's own
 * file import back without loss: the received side of an exchange, where the entry came from, its identity (so a
 * second import is recognised), when it was recorded and its position in the profile's record (`seq`, which orders
 * entries made in the same millisecond). The import recognises a Bourse file by exactly this header.
 */
export interface ExportRow extends HistoryEntry {
  baseCurrency: string;
  seq: number;
}

export const EXPORT_COLUMNS: Column<ExportRow>[] = [
  { name: 'date', kind: 'text' },
  { name: 'type', kind: 'text' },
  { name: 'instrument', kind: 'text', get: (r) => r.symbol },
  { name: 'quantity', kind: 'number' },
  { name: 'price', kind: 'number' },
  { name: 'currency', kind: 'text' },
  { name: 'amount', kind: 'number' },
  { name: 'fee', kind: 'number' },
  { name: 'fxRate', kind: 'number' },
  { name: 'baseCurrency', kind: 'text' },
  { name: 'baseAmount', kind: 'number' },
  { name: 'balanceAfter', kind: 'number' },
  { name: 'orderId', kind: 'text' },
  { name: 'note', kind: 'text' },
  { name: 'toCurrency', kind: 'text' },
  { name: 'toAmount', kind: 'number' },
  { name: 'source', kind: 'text' },
  { name: 'id', kind: 'text' },
  { name: 'createdAt', kind: 'text' },
  { name: 'seq', kind: 'number' },
];

export const EXPORT_HEADER = EXPORT_COLUMNS.map((c) => c.name);
