import type { ImportMapping, ImportPreset } from '../../shared/contract/index.js';
import { ImportMapping as MappingSchema } from '../../shared/contract/index.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { PRESET_SQL } from './repo.js';


/** Mappings the user saved by name. A stored mapping the current schema no longer accepts is left out of the list. */
export class SavedPresets {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  list(): Promise<ImportPreset[]> {
    return this.store.writer.read((db) =>
      (statements(db, PRESET_SQL).presets.all() as { name: string; mapping: string; updated_at: string }[]).flatMap((r) => {
        const m = MappingSchema.safeParse(JSON.parse(r.mapping));
        return m.success ? [{ name: r.name, mapping: m.data, updatedAt: r.updated_at }] : [];
      }),
    );
  }

  save(name: string, mapping: ImportMapping): Promise<ImportPreset> {
    const at = new Date(this.now()).toISOString();
    return this.store.writer.write((db) => {
      statements(db, PRESET_SQL).savePreset.run(name, JSON.stringify(mapping), at);
      return { name, mapping, updatedAt: at };
    });
  }

  remove(name: string): Promise<boolean> {
    return this.store.writer.write((db) => statements(db, PRESET_SQL).deletePreset.run(name).changes > 0);
  }
}
