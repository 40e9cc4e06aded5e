import type BetterSqlite3 from 'better-sqlite3';
import type { ReadDb } from './writer.js';

/**
 * Prepared statements cached per connection: preparing costs more than running a one-row statement, and hot paths
 * run the same few statements thousands of times. Keyed by the SQL text, so callers just name what they need.
 */
const cache = new WeakMap<ReadDb, Map<string, BetterSqlite3.Statement>>();

/** The built record per (sql record, connection): hot loops (an import) call this several times a row. */
const built = new WeakMap<object, WeakMap<ReadDb, Record<string, BetterSqlite3.Statement>>>();

export function statements<K extends string>(
  db: ReadDb,
  sql: Record<K, string>,
): Record<K, BetterSqlite3.Statement> {
  const hit = built.get(sql)?.get(db);
  if (hit) return hit as Record<K, BetterSqlite3.Statement>;
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const out = {} as Record<K, BetterSqlite3.Statement>;
  for (const name of Object.keys(sql) as K[]) {
    const text = sql[name];
    let stmt = perDb.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      perDb.set(text, stmt);
    }
    out[name] = stmt;
  }
  let byDb = built.get(sql);
  if (!byDb) built.set(sql, (byDb = new WeakMap()));
  byDb.set(db, out);
  return out;
}
