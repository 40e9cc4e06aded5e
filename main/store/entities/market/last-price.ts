import { EntitySchema } from 'typeorm';

/** The last tick kept per symbol, so prices (with their age) show when offline. */
export interface LastPriceRow {
  symbol: string;
  price: string;
  currency: string;
  ts: number;
  seq: number;
  source: string;
  simulated: number;
}

export const LastPriceEntity = new EntitySchema<LastPriceRow>({
  name: 'LastPrice',
  tableName: 'last_prices',
  columns: {
    symbol: { type: 'text', primary: true },
    price: { type: 'text' },
    currency: { type: 'text' },
    ts: { type: 'integer' },
    seq: { type: 'integer' },
    source: { type: 'text' },
    simulated: { type: 'integer', default: 0 },
  },
  // The primary key is the lookup path: ingestion writes one B-tree, not two.
  withoutRowid: true,
});
