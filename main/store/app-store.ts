import { ProfileEntity } from './entities/app/profile.js';
import { appMigrations } from './migrations/index.js';
import { openStore, type Store } from './data-source.js';

/** Every table of `app.db`, declared as the migrations make it (test/integration/schema-drift.test.ts checks). */
export const appEntities = [ProfileEntity];

/** The app database: the profile registry. */
export function openAppStore(file: string, nativeBinding?: string): Promise<Store> {
  return openStore({ file, entities: appEntities, migrations: appMigrations, nativeBinding });
}
