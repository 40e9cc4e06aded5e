import { EntitySchema } from 'typeorm';

/** One published daily bar of an instrument from one source, prices in `currency` (major unit). */
export interface DailyBarRow {
  symbol: string;
  date: string;
  source: string;
  currency: string;
  open: string | null;
  high: string | null;
  low: string | null;
  close: string;
  volume: string | null;
}

export const DailyBarEntity = new EntitySchema<DailyBarRow>({
  name: 'DailyBar',
  tableName: 'daily_bars',
  columns: {
    symbol: { type: 'text', primary: true },
    date: { type: 'text', primary: true },
    source: { type: 'text', primary: true },
    currency: { type: 'text' },
    open: { type: 'text', nullable: true },
    high: { type: 'text', nullable: true },
    low: { type: 'text', nullable: true },
    close: { type: 'text' },
    volume: { type: 'text', nullable: true },
  },
  // The primary key is the lookup path: ingestion writes one B-tree, not two.
  withoutRowid: true,
});
