import { EntitySchema } from 'typeorm';

/** One published rate: units of `quote` per one `base` on `date`, from `source`. */
export interface FxRateRow {
  base: string;
  quote: string;
  date: string;
  source: string;
  rate: string;
}

export const FxRateEntity = new EntitySchema<FxRateRow>({
  name: 'FxRate',
  tableName: 'fx_rates',
  columns: {
    base: { type: 'text', primary: true },
    quote: { type: 'text', primary: true },
    date: { type: 'text', primary: true },
    source: { type: 'text', primary: true },
    rate: { type: 'text' },
  },
  // The primary key is the lookup path: ingestion writes one B-tree, not two.
  withoutRowid: true,
});
