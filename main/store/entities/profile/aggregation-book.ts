import { EntitySchema } from 'typeorm';

/** An open aggregation book: small orders of one symbol and side collected for one venue order. */
export interface AggregationBookRow {
  id: string;
  venue: string;
  symbol: string;
  side: 'buy' | 'sell';
  /** Epoch milliseconds. */
  openedAt: number;
}

export const AggregationBookEntity = new EntitySchema<AggregationBookRow>({
  name: 'AggregationBook',
  tableName: 'aggregation_books',
  columns: {
    id: { type: 'text', primary: true },
    venue: { type: 'text' },
    symbol: { type: 'text' },
    side: { type: 'text' },
    openedAt: { name: 'opened_at', type: 'integer' },
  },
  checks: [{ expression: "side IN ('buy', 'sell')" }],
  withoutRowid: true,
});
