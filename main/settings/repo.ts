import { statements } from '../store/statements.js';
import type { ReadDb, WriteDb } from '../store/writer.js';

const READ = { get: 'SELECT value FROM preferences WHERE name = ?' };
const SQL = {
  put: 'INSERT INTO preferences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
};

/** The signed-in profile's personal settings, as JSON by name (its encrypted database). */
export const preferenceRepo = {
  get: (db: ReadDb, name: string): string | undefined => statements(db, READ).get.pluck().get(name) as string | undefined,
  put(db: WriteDb, name: string, value: string): void {
    statements(db, SQL).put.run(name, value);
  },
};
