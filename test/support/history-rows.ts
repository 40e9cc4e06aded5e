import type { Column } from '../../main/export/columns.js';

/**
 * Generated history-like rows for the export writer tests and benchmark: the export's column set, decimal
 * strings for amounts, and notes that now and then start like a formula or hold commas, quotes and line breaks.
 */
export interface HistoryRow {
  date: string;
  type: string;
  instrument: string | null;
  quantity: string | null;
  price: string | null;
  currency: string;
  amount: string;
  fee: string;
  fxRate: string;
  baseAmount: string;
  balanceAfter: string;
  orderId: string | null;
  note: string | null;
}

export const historyColumns: Column<HistoryRow>[] = [
  { name: 'date', kind: 'text' },
  { name: 'type', kind: 'text' },
  { name: 'instrument', kind: 'text' },
  { name: 'quantity', kind: 'number' },
  { name: 'price', kind: 'number' },
  { name: 'currency', kind: 'text' },
  { name: 'amount', kind: 'number' },
  { name: 'fee', kind: 'number' },
  { name: 'fxRate', kind: 'number' },
  { name: 'baseAmount', kind: 'number' },
  { name: 'balanceAfter', kind: 'number' },
  { name: 'orderId', kind: 'text' },
  { name: 'note', kind: 'text' },
];

const NOTES = [null, 'salary', '=HYPERLINK("http://x","y")', 'rent, March', 'said "hi"', 'two\nlines', '-2+3', 'plain note'];

export function historyRow(i: number): HistoryRow {
  const buy = i % 3 === 0;
  const amount = `${i % 2 ? '-' : ''}${(i % 9973) + 1}.${String(i % 100).padStart(2, '0')}`;
  return {
    date: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
    type: buy ? 'fill' : i % 2 ? 'withdrawal' : 'deposit',
    instrument: buy ? 'AAPL' : null,
    quantity: buy ? String((i % 50) + 1) : null,
    price: buy ? '187.25' : null,
    currency: 'USD',
    amount,
    fee: buy ? '1.00' : '0',
    fxRate: '0.9123',
    baseAmount: amount,
    balanceAfter: `${i}.00`,
    orderId: buy ? `ord-${i}` : null,
    note: NOTES[i % NOTES.length]!,
  };
}

/** `count` rows, generated lazily; `pauseEvery` > 0 yields to the event loop (a timer turn) every that many rows. */
export async function* historyRows(count: number, pauseEvery = 0, pauseMs = 0): AsyncGenerator<HistoryRow> {
  for (let i = 0; i < count; i++) {
    if (pauseEvery > 0 && i > 0 && i % pauseEvery === 0) await new Promise((r) => setTimeout(r, pauseMs));
    yield historyRow(i);
  }
}
