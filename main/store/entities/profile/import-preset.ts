import { EntitySchema } from 'typeorm';

/** The column mapping of a broker's CSV, saved under a name that is unique regardless of case. */
export interface ImportPresetRow {
  name: string;
  /** JSON: the mapping. */
  mapping: string;
  updatedAt: string;
}

export const ImportPresetEntity = new EntitySchema<ImportPresetRow>({
  name: 'ImportPreset',
  tableName: 'import_presets',
  columns: {
    // Nullable as written by its migration (no NOT NULL): SQLite lets a TEXT primary key of a rowid table hold NULL.
    name: { type: 'text', primary: true, nullable: true, collation: 'NOCASE' },
    mapping: { type: 'text' },
    updatedAt: { name: 'updated_at', type: 'text' },
  },
});
