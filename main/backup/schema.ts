import type { WriteDb } from '../store/writer.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/data-source.js';
import { profileMigrations } from '../store/migrations/index.js';
import { profileEntities } from '../store/profile-store.js';
import { STAMP_TABLE } from './stamp.js';

/** Our profile migrations' names, in the order they run (what TypeORM records in its `migrations` table). */
export function profileMigrationNames(): string[] {
  return profileMigrations.map((M) => (new M() as { name?: string }).name ?? M.name);
}

/**
 * A database's tables and columns as one comparable string. Internal tables (sqlite_*) and the backup stamp are left
 * out; column types, NOT NULL and primary keys are in, so a lookalike with the same table names still differs.
 */
export function schemaSignature(db: WriteDb): string {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != ? ORDER BY name`)
    .all(STAMP_TABLE) as { name: string }[];
  return JSON.stringify(
    tables.map(({ name }) => {
      const cols = db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`).all(name);
      return [name, cols];
    }),
  );
}

const references = new Map<number, Promise<string>>();

/**
 * The schema our first `count` migrations produce, built once per count in a scratch database and cached: the
 * reference a candidate backup at that migration must match exactly. Deriving it (rather than listing expected
 * tables by hand) keeps the check right when the next migration is appended.
 */
export function referenceSignature(count: number, nativeBinding?: string): Promise<string> {
  let ref = references.get(count);
  if (!ref) {
    ref = buildReference(count, nativeBinding);
    references.set(count, ref);
    ref.catch(() => references.delete(count));
  }
  return ref;
}

async function buildReference(count: number, nativeBinding?: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-schema-'));
  try {
    const store = await openStore({ file: join(dir, 'reference.db'), entities: profileEntities, migrations: profileMigrations.slice(0, count), nativeBinding });
    try {
      return await store.writer.exclusive(async (db) => schemaSignature(db));
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
