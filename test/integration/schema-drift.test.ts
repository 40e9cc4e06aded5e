import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntitySchema, Table, TableCheck, type EntityMetadata, type MixedList } from 'typeorm';
import { RdbmsSchemaBuilder } from 'typeorm/schema-builder/RdbmsSchemaBuilder.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appEntities, openAppStore } from '../../main/store/app-store.js';
import { ACTIVITY_SORT_KEYS } from '../../main/store/entities/profile/activity.js';
import { marketEntities, openMarketStore } from '../../main/store/market-store.js';
import { openProfileStore, profileEntities } from '../../main/store/profile-store.js';
import type { Store } from '../../main/store/data-source.js';
import { parseCreateTable, type TableDdl } from '../support/sqlite-ddl.js';

/**
 * The entities registered with each store declare exactly the schema its migrations make: every migration runs on an
 * empty file, then TypeORM's schema builder must find nothing to change. Where SQLite holds what TypeORM cannot read
 * back or declare, that exception is listed below by name with its reason: the test reads the fact from SQLite's own
 * text of the table, hands TypeORM what it missed, and checks that those exceptions, no more and no fewer, are what the
 * builder would otherwise change. What the builder does not compare at all (collations, WITHOUT ROWID, the order of
 * an index's columns and its WHERE clause) the test compares itself.
 */

type Entities = MixedList<EntitySchema>;

const DATABASES: { name: string; open: (file: string) => Promise<Store>; entities: Entities }[] = [
  { name: 'app', open: openAppStore, entities: appEntities },
  { name: 'market', open: openMarketStore, entities: marketEntities },
  { name: 'profile', open: openProfileStore, entities: profileEntities },
];

/** Generated columns' expressions as the entities declare them, by table. */
const DECLARED_GENERATED: Record<string, Record<string, string>> = { activities: { ...ACTIVITY_SORT_KEYS } };

interface Exception {
  name: string;
  why: string;
  /** `table.column` of every place the exception applies to, across the three databases. */
  items: string[];
  /** Hands TypeORM's loaded table what it could not read; returns the items it applied to. */
  reconcile(table: Table, ddl: TableDdl, meta: EntityMetadata): string[];
}

const EXCEPTIONS: Exception[] = [
  {
    name: 'unquoted AUTOINCREMENT',
    why:
      'TypeORM finds AUTOINCREMENT only after a double-quoted column name; the migrations wrote ' +
      '`id INTEGER PRIMARY KEY AUTOINCREMENT` unquoted, so TypeORM would rebuild the table to add it.',
    items: ['wallets.id', 'instruments.id', 'sync_jobs.id'],
    reconcile(table, ddl) {
      return ddl.columns
        .filter((c) => c.autoincrement)
        .map((c) => {
          const column = table.columns.find((tc) => tc.name === c.name)!;
          column.isGenerated = true;
          column.generationStrategy = 'increment';
          return `${tableName(table)}.${c.name}`;
        });
    },
  },
  {
    name: 'unnamed CHECK constraints',
    why:
      'The migrations wrote CHECKs on their columns, without a constraint name; TypeORM reads only named table ' +
      'constraints (`CONSTRAINT "x" CHECK (…)`) and pairs checks by name, so it would rebuild the table to add them. ' +
      'Each CHECK SQLite stores is paired here with the declared check of the same expression text.',
    items: [
      'currencies.minor_unit',
      'instruments.asset_class',
      'orders.asset_class',
      'orders.side',
      'orders.type',
      'orders.state',
      'aggregation_books.side',
      'activities.type',
      'activities.source',
      'activities.h_ready',
      'history_days.leg',
    ],
    reconcile(table, ddl, meta) {
      const stored = [...ddl.columns.flatMap((c) => c.checks.map((expression) => ({ at: c.name, expression }))), ...ddl.checks.map((expression) => ({ at: '(table)', expression }))];
      return stored.map(({ at, expression }, i) => {
        const declared = meta.checks.find((c) => c.expression === expression);
        table.checks.push(new TableCheck({ name: declared?.name ?? `undeclared ${i}`, expression }));
        return `${tableName(table)}.${at}`;
      });
    },
  },
  {
    name: 'unnamed foreign keys',
    why:
      'The migrations wrote `REFERENCES t(c)` on their columns, without a constraint name; TypeORM pairs foreign keys ' +
      'by name, so it would drop and re-add every one. Each is paired here with the declared foreign key of the same ' +
      'columns, referenced table and columns, ON DELETE and ON UPDATE.',
    items: ['ledger_entries.wallet_id', 'ledger_entries.order_id', 'ledger_entries.activity_id', 'instruments.quote_currency', 'fills.order_id', 'activities.order_id'],
    reconcile(table, _ddl, meta) {
      return table.foreignKeys
        .filter((fk) => fk.name === undefined)
        .map((fk) => {
          const declared = meta.foreignKeys.find(
            (d) =>
              same(d.columnNames, fk.columnNames) &&
              d.referencedTablePath === fk.referencedTableName &&
              same(d.referencedColumnNames, fk.referencedColumnNames) &&
              d.onDelete === fk.onDelete &&
              d.onUpdate === fk.onUpdate,
          );
          if (declared) fk.name = declared.name;
          return `${tableName(table)}.${fk.columnNames.join(',')}`;
        });
    },
  },
  {
    name: 'generated columns',
    why:
      'TypeORM reads a generated column’s expression only from its own `typeorm_metadata` table, and its migration ' +
      'runner creates that table in every database it opens once an entity declares one: the history’s sort keys ' +
      'are declared as read-only columns, their expressions beside them (ACTIVITY_SORT_KEYS), compared here with ' +
      'the expressions SQLite stores.',
    items: Object.keys(ACTIVITY_SORT_KEYS).map((c) => `activities.${c}`),
    reconcile(table, ddl) {
      return ddl.columns
        .filter((c) => c.generated)
        .map((c) => {
          const column = table.columns.find((tc) => tc.name === c.name)!;
          const declared = DECLARED_GENERATED[tableName(table)]?.[c.name];
          if (declared === c.generated!.expression && c.generated!.kind === 'VIRTUAL') {
            column.generatedType = undefined;
            column.asExpression = undefined;
          }
          return `${tableName(table)}.${c.name}`;
        });
    },
  },
];

/** Tables that are not the app's: SQLite's own and TypeORM's bookkeeping. */
const NOT_OURS = /^(sqlite_.*|migrations|typeorm_metadata)$/;

class ReconcilingSchemaBuilder extends RdbmsSchemaBuilder {
  constructor(
    dataSource: DataSource,
    private readonly reconcile: (tables: Table[]) => void,
  ) {
    super(dataSource);
  }

  /** TypeORM cannot load a table with generated columns at all without its metadata table, even an empty one. */
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

interface Drift {
  /** What TypeORM's schema builder would run. */
  upQueries: string[];
  /** Items each exception applied to. */
  applied: Record<string, string[]>;
  /** Differences in what the builder does not compare. */
  mismatches: string[];
  /** Tables in the file that no entity declares, and entities whose table is not in the file. */
  undeclared: string[];
  missing: string[];
  /** Index name → its table, to tell which tables a query touches. */
  indexTables: Map<string, string>;
  /** Table → the tables whose foreign keys reference it. */
  referencedBy: Map<string, string[]>;
}

/** Compares `entities` with the migrated `file`, applying every exception but `skip`. */
async function drift(file: string, entities: Entities, skip?: string): Promise<Drift> {
  const db = new Database(file, { readonly: true });
  const schema = db.prepare('SELECT type, name, tbl_name AS tableName, sql FROM sqlite_schema').all() as { type: string; name: string; tableName: string; sql: string | null }[];
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

  const ds = new DataSource({ type: 'better-sqlite3', database: file, entities });
  await ds.initialize();
  try {
    const applied: Record<string, string[]> = Object.fromEntries(EXCEPTIONS.map((e) => [e.name, []]));
    const loaded: Table[] = [];
    const builder = new ReconcilingSchemaBuilder(ds, (found) => {
      for (const table of found) {
        const meta = ds.entityMetadatas.find((m) => m.tableName === tableName(table))!;
        const ddl = ddls.get(tableName(table))!;
        for (const e of EXCEPTIONS) if (e.name !== skip) applied[e.name]!.push(...e.reconcile(table, ddl, meta));
        loaded.push(table);
      }
    });
    if (!schema.some((r) => r.name === 'typeorm_metadata') && [...ddls.values()].some((d) => d.columns.some((c) => c.generated))) {
      await builder.createMetadataTable();
    }
    const upQueries = (await builder.log()).upQueries.map((q) => q.query);

    const mismatches: string[] = [];
    for (const meta of ds.entityMetadatas) {
      const table = loaded.find((t) => tableName(t) === meta.tableName);
      const ddl = ddls.get(meta.tableName);
      if (!table || !ddl) continue;
      if (!!meta.withoutRowid !== ddl.withoutRowid) mismatches.push(`${meta.tableName}: WITHOUT ROWID ${ddl.withoutRowid} in SQLite`);
      for (const column of meta.columns) {
        const stored = ddl.columns.find((c) => c.name === column.databaseName)?.collation?.toUpperCase() ?? null;
        const declared = column.collation?.toUpperCase() ?? null;
        if (stored !== declared) mismatches.push(`${meta.tableName}.${column.databaseName}: COLLATE ${stored} in SQLite, ${declared} declared`);
      }
      for (const index of meta.indices) {
        const stored = table.indices.find((i) => i.name === index.name);
        if (!stored) continue; // the builder reports it
        // TypeORM holds an index without WHERE as '' when loaded and as undefined when declared.
        const declared = { columns: index.columns.map((c) => c.databaseName), where: index.where || null, unique: index.isUnique };
        const actual = { columns: stored.columnNames, where: stored.where || null, unique: !!stored.isUnique };
        if (JSON.stringify(actual) !== JSON.stringify(declared)) mismatches.push(`${index.name}: ${JSON.stringify(actual)} in SQLite, ${JSON.stringify(declared)} declared`);
      }
    }
    const declaredTables = ds.entityMetadatas.map((m) => m.tableName);
    return {
      upQueries,
      applied,
      mismatches,
      undeclared: tables.map((t) => t.name).filter((n) => !declaredTables.includes(n)),
      missing: declaredTables.filter((n) => !ddls.has(n)),
      indexTables,
      referencedBy,
    };
  } finally {
    await ds.destroy();
  }
}

/** The tables builder queries change: a table, the temporary copy TypeORM rebuilds it in, or one of its indexes. */
function touchedTables(queries: string[], indexTables: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const q of queries) {
    for (const [, name] of q.matchAll(/\b(?:TABLE|INTO|FROM|TO|ON|INDEX)\s+"([^"]+)"/g)) {
      const plain = name!.replace(/^temporary_/, '');
      out.add(indexTables.get(plain) ?? plain);
    }
  }
  return out;
}

const tableName = (t: Table) => t.name;
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A copy of `entity` with `change` applied to its options. */
function changed<T>(entity: EntitySchema<T>, change: (o: EntitySchema<T>['options']) => EntitySchema<T>['options']): EntitySchema<T> {
  return new EntitySchema<T>(change({ ...entity.options }));
}

function replace(entities: Entities, name: string, by: (e: EntitySchema) => EntitySchema): Entities {
  const list = entities as EntitySchema[];
  if (!list.some((e) => e.options.name === name)) throw new Error(`no entity ${name}`);
  return list.map((e) => (e.options.name === name ? by(e) : e));
}

let dir: string;
const files = new Map<string, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-schema-drift-'));
  for (const d of DATABASES) {
    const file = join(dir, `${d.name}.db`);
    await (await d.open(file)).close();
    files.set(d.name, file);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DATABASES)('the $name database', ({ name, entities }) => {
  it('declares every table its migrations make, and TypeORM finds nothing to change but the listed exceptions', async () => {
    const d = await drift(files.get(name)!, entities);
    expect(d.undeclared).toEqual([]);
    expect(d.missing).toEqual([]);
    expect(d.upQueries).toEqual([]);
    expect(d.mismatches).toEqual([]);
    // Exactly the listed places, in this database's tables.
    const here = new Set((entities as EntitySchema[]).map((e) => e.options.tableName));
    for (const e of EXCEPTIONS) {
      expect(d.applied[e.name]!.sort(), e.name).toEqual(e.items.filter((i) => here.has(i.split('.')[0])).sort());
    }
  });

  it('needs each exception it applies, and only for the tables it names', async () => {
    const file = files.get(name)!;
    const all = await drift(file, entities);
    for (const e of EXCEPTIONS) {
      if (all.applied[e.name]!.length === 0) continue;
      const without = await drift(file, entities, e.name);
      expect(without.upQueries.length, e.name).toBeGreaterThan(0);
      // TypeORM rebuilds a table with its columns' foreign keys dropped and re-added, so tables referencing it change too.
      const named = e.items.map((i) => i.split('.')[0]!);
      const tables = new Set([...named, ...named.flatMap((t) => all.referencedBy.get(t) ?? [])]);
      expect([...touchedTables(without.upQueries, all.indexTables)].filter((t) => !tables.has(t)), e.name).toEqual([]);
    }
  });
});

describe('a declaration that differs from the migrations is found', () => {
  const profile = () => files.get('profile')!;
  const column = (entity: EntitySchema, prop: string, patch: object) =>
    changed(entity, (o) => ({ ...o, columns: { ...o.columns, [prop]: { ...(o.columns as Record<string, object>)[prop]!, ...patch } } }));

  it.each([
    ['a column made nullable', 'Wallet', (e: EntitySchema) => column(e, 'balance', { nullable: true })],
    ['a default changed', 'Order', (e: EntitySchema) => column(e, 'events', { default: '{}' })],
    ['a column type changed', 'LedgerEntry', (e: EntitySchema) => column(e, 'amount', { type: 'integer' })],
    ['a unique dropped', 'Instrument', (e: EntitySchema) => column(e, 'symbol', { unique: false })],
    ['an AUTOINCREMENT dropped', 'Wallet', (e: EntitySchema) => column(e, 'id', { generated: undefined })],
    ['a foreign key’s ON DELETE changed', 'Fill', (e: EntitySchema) => column(e, 'orderId', { foreignKey: { target: 'Order', onDelete: 'CASCADE' } })],
    ['a collation dropped', 'ImportPreset', (e: EntitySchema) => column(e, 'name', { collation: undefined })],
    ['WITHOUT ROWID dropped', 'Position', (e: EntitySchema) => changed(e, (o) => ({ ...o, withoutRowid: false }))],
    ['a check’s list changed', 'HistoryDay', (e: EntitySchema) => changed(e, (o) => ({ ...o, checks: [{ expression: "(leg = 'cash' OR leg = 'to')" }] }))],
    ['an index’s columns reordered', 'Order', (e: EntitySchema) => changed(e, (o) => ({ ...o, indices: [{ name: 'idx_orders_state', columns: ['symbol', 'state'] }, o.indices![1]!] }))],
    [
      'a partial index’s condition changed',
      'Activity',
      (e: EntitySchema) => changed(e, (o) => ({ ...o, indices: o.indices!.map((i) => (i.name === 'idx_history_pending' ? { ...i, where: 'h_ready = 1' } : i)) })),
    ],
    [
      'a column left out',
      'Currency',
      (e: EntitySchema) =>
        changed(e, (o) => {
          const { builtin: _left, ...columns } = o.columns as Record<string, object>;
          return { ...o, columns };
        }),
    ],
  ])('%s', async (_what, entity, change) => {
    const d = await drift(profile(), replace(profileEntities, entity, change));
    expect([...d.upQueries, ...d.mismatches].length).toBeGreaterThan(0);
  });

  it('a generated column’s expression changed', async () => {
    const declared = DECLARED_GENERATED.activities!;
    const before = declared.h_note!;
    declared.h_note = `substr(COALESCE(note, ''), 1, 50)`;
    try {
      const d = await drift(profile(), profileEntities);
      expect(d.upQueries.length).toBeGreaterThan(0);
    } finally {
      declared.h_note = before;
    }
  });

  it('a table without an entity', async () => {
    const d = await drift(profile(), (profileEntities as EntitySchema[]).filter((e) => e.options.name !== 'Fill'));
    expect(d.undeclared).toEqual(['fills']);
  });
});
