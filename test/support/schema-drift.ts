import { Database, encryptedKeyOf } from './db-key.js';
import { Sqlite, type SqliteDatabase } from '../../main/store/sqlite.js';
import { DataSource, type EntityMetadata, type EntitySchema, type MixedList, type Table } from 'typeorm';
import { RdbmsSchemaBuilder } from 'typeorm/schema-builder/RdbmsSchemaBuilder.js';
import { parseCreateTable, type TableDdl } from './sqlite-ddl.js';

/**
 * Compares entity schemas with a migrated SQLite file through TypeORM's own schema builder, with the exceptions the
 * caller lists: an exception hands TypeORM's loaded table a fact TypeORM could not read from SQLite (taken from
 * SQLite's own text of the table, see sqlite-ddl.ts), before the builder compares. What the builder does not compare
 * at all (collations, WITHOUT ROWID, the order of an index's columns and its WHERE clause) is compared here.
 */
export type Entities = MixedList<EntitySchema>;

export interface DriftContext {
  /** Generated columns' expressions as declared, by table and column. */
  generated: Record<string, Record<string, string>>;
}

export interface Exception {
  name: string;
  why: string;
  /** `table.column` of every place it applies to. */
  items: string[];
  /** Hands TypeORM's loaded table what it could not read; returns the items it applied to. */
  reconcile(table: Table, ddl: TableDdl, meta: EntityMetadata, context: DriftContext): string[];
}

export interface Drift {
  /** What TypeORM's schema builder would run. */
  upQueries: string[];
  /** The items each exception applied to, by exception name. */
  applied: Record<string, string[]>;
  /** Differences in what the builder does not compare, each starting with its table's name. */
  mismatches: string[];
  /** Tables of the file that no entity declares. */
  undeclared: string[];
  /** Declared tables the file does not have. */
  missing: string[];
  /** Index → its table, to tell which tables a query changes. */
  indexTables: Map<string, string>;
  /** Table → the tables whose foreign keys reference it. */
  referencedBy: Map<string, string[]>;
}

/** Tables that are not the app's: SQLite's own and TypeORM's bookkeeping. */
const NOT_OURS = /^(sqlite_.*|migrations|typeorm_metadata)$/;

class ReconcilingSchemaBuilder extends RdbmsSchemaBuilder {
  constructor(
    dataSource: DataSource,
    private readonly reconcile: (tables: Table[]) => void,
  ) {
    super(dataSource);
  }

  /** TypeORM cannot load a table with generated columns without its metadata table, even an empty one. */
  async createMetadataTable(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await this.createTypeormMetadataTable(runner);
    } finally {
      await runner.release();
    }
  }

  protected override async executeSchemaSyncOperationsInProperOrder(): Promise<void> {
    this.reconcile(this.tables);
    await super.executeSchemaSyncOperationsInProperOrder();
  }
}

/**
 * Compares `entities` with the migrated `file`, applying every exception but `skip`. May add TypeORM's empty
 * `typeorm_metadata` table to the file (see createMetadataTable): give it a scratch copy.
 */
export async function drift(
  file: string,
  entities: Entities,
  exceptions: Exception[],
  context: DriftContext,
  skip?: string,
): Promise<Drift> {
  const db = new Database(file, { readonly: true });
  // An encrypted profile file is opened by TypeORM below with the same key the keying helper found.
  const key = encryptedKeyOf(file);
  const schema = db.prepare('SELECT type, name, tbl_name AS tableName, sql FROM sqlite_schema').all() as {
    type: string;
    name: string;
    tableName: string;
    sql: string | null;
  }[];
  const tables = schema.filter((r) => r.type === 'table' && !NOT_OURS.test(r.name));
  const ddls = new Map(tables.map((r) => [r.name, parseCreateTable(r.sql!)]));
  const indexTables = new Map(schema.filter((r) => r.type === 'index').map((r) => [r.name, r.tableName]));
  const referencedBy = new Map<string, string[]>();
  for (const t of tables) {
    for (const fk of db.pragma(`foreign_key_list(${JSON.stringify(t.name)})`) as { table: string }[]) {
      referencedBy.set(fk.table, [...(referencedBy.get(fk.table) ?? []), t.name]);
    }
  }
  db.close();

  const ds = new DataSource({
    type: 'better-sqlite3',
    driver: Sqlite,
    database: file,
    entities,
    ...(key ? { prepareDatabase: (c: SqliteDatabase) => key.apply(c) } : {}),
  });
  await ds.initialize();
  try {
    const applied: Record<string, string[]> = Object.fromEntries(exceptions.map((e) => [e.name, []]));
    const loaded: Table[] = [];
    const builder = new ReconcilingSchemaBuilder(ds, (found) => {
      for (const table of found) {
        const meta = ds.entityMetadatas.find((m) => m.tableName === table.name)!;
        const ddl = ddls.get(table.name)!;
        for (const e of exceptions) if (e.name !== skip) applied[e.name]!.push(...e.reconcile(table, ddl, meta, context));
        loaded.push(table);
      }
    });
    const generatedColumns = [...ddls.values()].some((d) => d.columns.some((c) => c.generated));
    if (generatedColumns && !schema.some((r) => r.name === 'typeorm_metadata')) await builder.createMetadataTable();
    const upQueries = (await builder.log()).upQueries.map((q) => q.query);

    const mismatches: string[] = [];
    for (const meta of ds.entityMetadatas) {
      const table = loaded.find((t) => t.name === meta.tableName);
      const ddl = ddls.get(meta.tableName);
      if (table && ddl) mismatches.push(...uncompared(meta, table, ddl));
    }
    const declared = ds.entityMetadatas.map((m) => m.tableName);
    return {
      upQueries,
      applied,
      mismatches,
      undeclared: tables.map((t) => t.name).filter((n) => !declared.includes(n)),
      missing: declared.filter((n) => !ddls.has(n)),
      indexTables,
      referencedBy,
    };
  } finally {
    await ds.destroy();
  }
}

/** What TypeORM's builder leaves out of its comparison. */
function uncompared(meta: EntityMetadata, table: Table, ddl: TableDdl): string[] {
  const out: string[] = [];
  const t = meta.tableName;
  if (!!meta.withoutRowid !== ddl.withoutRowid) out.push(`${t}: WITHOUT ROWID is ${ddl.withoutRowid} in SQLite`);
  for (const column of meta.columns) {
    const stored = ddl.columns.find((c) => c.name === column.databaseName)?.collation?.toUpperCase() ?? null;
    const declared = column.collation?.toUpperCase() ?? null;
    if (stored !== declared) out.push(`${t}.${column.databaseName}: COLLATE ${stored} in SQLite, ${declared} declared`);
  }
  for (const index of meta.indices) {
    const stored = table.indices.find((i) => i.name === index.name);
    if (!stored) continue; // the builder creates it
    // TypeORM holds "no WHERE" as '' on a loaded index and as undefined on a declared one.
    const declared = JSON.stringify({ columns: index.columns.map((c) => c.databaseName), where: index.where || null, unique: index.isUnique });
    const actual = JSON.stringify({ columns: stored.columnNames, where: stored.where || null, unique: !!stored.isUnique });
    if (actual !== declared) out.push(`${t} ${index.name}: ${actual} in SQLite, ${declared} declared`);
  }
  return out;
}

/** The tables builder queries change: a table, the temporary copy TypeORM rebuilds it in, or one of its indexes. */
export function touchedTables(queries: string[], indexTables: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const q of queries) {
    for (const [, name] of q.matchAll(/\b(?:TABLE|INTO|FROM|TO|ON|INDEX)\s+"([^"]+)"/g)) {
      const plain = name!.replace(/^temporary_/, '');
      out.add(indexTables.get(plain) ?? plain);
    }
  }
  return out;
}
