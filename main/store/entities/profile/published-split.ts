import { EntitySchema } from 'typeorm';

/** A split a provider published that is not proposed yet (migration profile-018-published-splits). */
export interface PublishedSplitRow {
  symbol: string;
  date: string;
  numerator: string;
  denominator: string;
  provider: string;
  publishedAt: string;
}

export const PublishedSplitEntity = new EntitySchema<PublishedSplitRow>({
  name: 'PublishedSplit',
  tableName: 'published_splits',
  columns: {
    symbol: { type: 'text', primary: true },
    date: { type: 'text', primary: true },
    numerator: { type: 'text' },
    denominator: { type: 'text' },
    provider: { type: 'text' },
    publishedAt: { name: 'published_at', type: 'text' },
  },
  withoutRowid: true,
});
