import type { ImportMapping, ImportPreset } from '../../shared/contract/index.js';
import { ImportMapping as MappingSchema } from '../../shared/contract/index.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';

const SQL = {
  presets: 'SELECT name, mapping, updated_at FROM import_presets ORDER BY name COLLATE NOCASE',
  savePreset:
    'INSERT INTO import_presets (name, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name, mapping = excluded.mapping, updated_at = excluded.updated_at',
  deletePreset: 'DELETE FROM import_presets WHERE name = ?',
};

/** Mappings the user saved by name. A stored mapping the current schema no longer accepts is left out of the list. */
export class SavedPresets {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  list(): Promise<ImportPreset[]> {
    return this.store.writer.read((db) =>
      (statements(db, SQL).presets.all() as { name: string; mapping: string; updated_at: string }[]).flatMap((r) => {
        const m = MappingSchema.safeParse(JSON.parse(r.mapping));
        return m.success ? [{ name: r.name, mapping: m.data, updatedAt: r.updated_at }] : [];
      }),
    );
  }

  save(name: string, mapping: ImportMapping): Promise<ImportPreset> {
    const at = new Date(this.now()).toISOString();
    return this.store.writer.write((db) => {
      statements(db, SQL).savePreset.run(name, JSON.stringify(mapping), at);
      return { name, mapping, updatedAt: at };
    });
  }

  remove(name: string): Promise<boolean> {
    return this.store.writer.write((db) => statements(db, SQL).deletePreset.run(name).changes > 0);
  }
}
