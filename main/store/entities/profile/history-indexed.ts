import { EntitySchema } from 'typeorm';

/**
 * The history indexer's watermark (migration profile-022): every activity with a rowid up to `lastRowid` is in the
 * history's sort indexes (`h_ready = 1`); the rows still pending are among those after it. One row, id 1; none
 * after the log is cleared (the watermark is then 0).
 */
export interface HistoryIndexedRow {
  id: number;
  lastRowid: number;
}

export const HistoryIndexedEntity = new EntitySchema<HistoryIndexedRow>({
  name: 'HistoryIndexed',
  tableName: 'history_indexed',
  columns: {
    // A rowid alias without NOT NULL, as its migration writes it.
    id: { type: 'integer', primary: true, nullable: true },
    lastRowid: { name: 'last_rowid', type: 'integer' },
  },
});
