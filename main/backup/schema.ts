import type { WriteDb } from '../store/writer.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/data-source.js';
import { profileMigrations } from '../store/migrations/index.js';
import { profileEntities } from '../store/profile-store.js';
import { backupRepo, STAMP_SQL, STAMP_TABLE, type SchemaObject } from './repo.js';

export type { SchemaObject };

/** Our profile migrations' names, in the order they run (what TypeORM records in its `migrations` table). */
export function profileMigrationNames(): string[] {
  return profileMigrations.map((M) => (new M() as { name?: string }).name ?? M.name);
}

/**
 * Objects SQLite itself may add to a profile that no migration made: the statistics tables of ANALYZE (and of
 * `PRAGMA optimize`), with their fixed definitions. Their rows only guide the query planner. Anything else named
 * `sqlite_…` (a row slipped in with `writable_schema`) is compared like any other object.
 */
const SQLITE_STATS: ReadonlyMap<string, string> = new Map([
  ['sqlite_stat1', 'CREATE TABLE sqlite_stat1(tbl,idx,stat)'],
  ['sqlite_stat4', 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)'],
]);

/** The stamp table's primary-key index, which SQLite makes itself (no SQL of its own). */
const STAMP_KEY_INDEX = `sqlite_autoindex_${STAMP_TABLE}_1`;

function incidental(o: SchemaObject): boolean {
  if (o.type === 'index') return o.name === STAMP_KEY_INDEX && o.tbl === STAMP_TABLE && o.sql === null;
  if (o.type !== 'table') return false;
  if (o.name === STAMP_TABLE) return o.sql === STAMP_SQL;
  return SQLITE_STATS.get(o.name) === o.sql;
}

/**
 * A database's whole schema: every table, index, trigger and view in `sqlite_schema` with its SQL (SQLite's own
 * automatic indexes and `sqlite_sequence` included, so they must match too). Left out only: the backup stamp table
 * in its exact shape and SQLite's statistics tables; an object on either (a trigger on the stamp) still counts.
 */
export function schemaObjects(db: WriteDb): SchemaObject[] {
  return backupRepo.schema(db).filter((o) => !incidental(o));
}

/** The differences between a candidate's schema and the reference, as short labels (`extra trigger x`), sorted. */
export function schemaDifferences(candidate: SchemaObject[], reference: SchemaObject[]): string[] {
  const key = (o: SchemaObject) => `${o.type} ${o.name}`;
  const want = new Map(reference.map((o) => [key(o), o]));
  const have = new Map(candidate.map((o) => [key(o), o]));
  const out: string[] = [];
  for (const [k, o] of have) {
    const w = want.get(k);
    if (!w) out.push(`extra ${k}`);
    else if (w.tbl !== o.tbl || w.sql !== o.sql) out.push(`changed ${k}`);
  }
  for (const k of want.keys()) if (!have.has(k)) out.push(`missing ${k}`);
  return out.sort();
}

const references = new Map<number, Promise<SchemaObject[]>>();

/**
 * The schema our first `count` migrations produce, built once per count by running them on an empty scratch
 * database and cached: the reference a candidate backup at that migration must match exactly. Deriving it (rather
 * than listing expected objects by hand) keeps the check right when the next migration is appended.
 */
export function referenceSchema(count: number, nativeBinding?: string): Promise<SchemaObject[]> {
  let ref = references.get(count);
  if (!ref) {
    ref = buildReference(count, nativeBinding);
    references.set(count, ref);
    ref.catch(() => references.delete(count));
  }
  return ref;
}

async function buildReference(count: number, nativeBinding?: string): Promise<SchemaObject[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-schema-'));
  try {
    const store = await openStore({ file: join(dir, 'reference.db'), entities: profileEntities, migrations: profileMigrations.slice(0, count), nativeBinding });
    try {
      return await store.writer.exclusive(async (db) => schemaObjects(db));
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
