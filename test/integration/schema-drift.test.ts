import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntitySchema, TableCheck, type EntitySchemaColumnOptions } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appEntities, openAppStore } from '../../main/store/app-store.js';
import type { Store } from '../../main/store/data-source.js';
import { ACTIVITY_SORT_KEYS } from '../../main/store/entities/profile/activity.js';
import { marketEntities, openMarketStore } from '../../main/store/market-store.js';
import { openProfileStore, profileEntities } from '../../main/store/profile-store.js';
import { testKey } from '../support/db-key.js';
import { drift, touchedTables, type DriftContext, type Entities, type Exception } from '../support/schema-drift.js';

/**
 * The entities each store registers declare exactly the schema its migrations make: every migration runs on an empty
 * file, then TypeORM's schema builder must find nothing to change. Where SQLite holds what TypeORM cannot read back
 * or declare, the exception is listed here by name with its reason; the test hands TypeORM the fact as SQLite stores
 * it and checks that these exceptions, at exactly the listed places, are what the builder would otherwise change.
 */

const DATABASES: { name: string; open: (file: string) => Promise<Store>; entities: Entities }[] = [
  { name: 'app', open: openAppStore, entities: appEntities },
  { name: 'market', open: openMarketStore, entities: marketEntities },
  { name: 'profile', open: (file) => openProfileStore(file, testKey), entities: profileEntities },
];

const DECLARED: DriftContext = { generated: { activities: ACTIVITY_SORT_KEYS } };

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
          return `${table.name}.${c.name}`;
        });
    },
  },
  {
    name: 'unnamed CHECK constraints',
    why:
      'The migrations wrote each CHECK on its column, without a constraint name; TypeORM reads only named table ' +
      'constraints (`CONSTRAINT "x" CHECK (…)`) and pairs checks by name, so it would rebuild the table to add them. ' +
      'Each CHECK SQLite stores is paired with the declared check of the same expression text.',
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
      'accounts.kind',
      'accounts.cost_method',
      'accounts.archived',
    ],
    reconcile(table, ddl, meta) {
      const stored = [
        ...ddl.columns.flatMap((c) => c.checks.map((expression) => ({ at: c.name, expression }))),
        ...ddl.checks.map((expression) => ({ at: '(table)', expression })),
      ];
      return stored.map(({ at, expression }, i) => {
        const declared = meta.checks.find((c) => c.expression === expression);
        table.checks.push(new TableCheck({ name: declared?.name ?? `undeclared ${i}`, expression }));
        return `${table.name}.${at}`;
      });
    },
  },
  {
    name: 'unnamed foreign keys',
    why:
      'The migrations wrote `REFERENCES t(c)` on the column, without a constraint name; TypeORM pairs foreign keys ' +
      'by name, so it would drop and re-add every one. Each is paired with the declared foreign key of the same ' +
      'columns, referenced table and columns, ON DELETE and ON UPDATE.',
    items: [
      'ledger_entries.wallet_id',
      'ledger_entries.order_id',
      'ledger_entries.activity_id',
      'instruments.quote_currency',
      'activities.order_id',
      'wallets.account_id',
      'positions.account_id',
    ],
    reconcile(table, _ddl, meta) {
      const same = (a: string[], b: string[]) => a.join() === b.join();
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
          return `${table.name}.${fk.columnNames.join(',')}`;
        });
    },
  },
  {
    name: 'generated columns',
    why:
      'TypeORM reads a generated column’s expression only from its own `typeorm_metadata` table, and its migration ' +
      'runner adds that table to every database it opens once an entity declares one. The sort keys are declared as ' +
      'read-only columns with their expressions beside them (ACTIVITY_SORT_KEYS), compared with the ones SQLite stores.',
    items: Object.keys(ACTIVITY_SORT_KEYS).map((c) => `activities.${c}`),
    reconcile(table, ddl, _meta, context) {
      return ddl.columns
        .filter((c) => c.generated)
        .map((c) => {
          const column = table.columns.find((tc) => tc.name === c.name)!;
          if (context.generated[table.name]?.[c.name] === c.generated!.expression && c.generated!.kind === 'VIRTUAL') {
            column.generatedType = undefined;
            column.asExpression = undefined;
          }
          return `${table.name}.${c.name}`;
        });
    },
  },
];

let dir: string;
const files = new Map<string, string>();
/** The tables each store's file has once opened, before the comparison may add TypeORM's metadata table. */
const opened = new Map<string, string[]>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-schema-drift-'));
  for (const d of DATABASES) {
    const file = join(dir, `${d.name}.db`);
    const store = await d.open(file);
    const rows: { name: string }[] = await store.dataSource.query(`SELECT name FROM sqlite_schema WHERE type = 'table'`);
    opened.set(d.name, rows.map((r) => r.name));
    await store.close();
    files.set(d.name, file);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (file: string, entities: Entities, opts: { skip?: string; context?: DriftContext } = {}) =>
  drift(file, entities, EXCEPTIONS, opts.context ?? DECLARED, opts.skip);

describe.each(DATABASES)('the $name database', ({ name, entities }) => {
  it('gets no table from registering its entities: TypeORM adds only its migrations table', () => {
    expect(opened.get(name)).toContain('migrations');
    expect(opened.get(name)).not.toContain('typeorm_metadata');
  });

  it('declares every table, and TypeORM finds nothing to change but the listed exceptions', async () => {
    const d = await check(files.get(name)!, entities);
    expect(d.undeclared).toEqual([]);
    expect(d.missing).toEqual([]);
    expect(d.upQueries).toEqual([]);
    expect(d.mismatches).toEqual([]);
    const here = new Set((entities as EntitySchema[]).map((e) => e.options.tableName));
    for (const e of EXCEPTIONS) {
      expect(d.applied[e.name]!.sort(), e.name).toEqual(e.items.filter((i) => here.has(i.split('.')[0])).sort());
    }
  });

  it('needs each exception it applies, and only for the tables it names', async () => {
    const file = files.get(name)!;
    const all = await check(file, entities);
    for (const e of EXCEPTIONS) {
      if (all.applied[e.name]!.length === 0) continue;
      const without = await check(file, entities, { skip: e.name });
      expect(without.upQueries.length, e.name).toBeGreaterThan(0);
      // TypeORM rebuilds a table with the foreign keys referencing it dropped and re-added: those tables change too.
      const named = e.items.map((i) => i.split('.')[0]!);
      const allowed = new Set([...named, ...named.flatMap((t) => all.referencedBy.get(t) ?? [])]);
      const touched = [...touchedTables(without.upQueries, all.indexTables)];
      expect(touched.filter((t) => !allowed.has(t)), e.name).toEqual([]);
    }
  });
});

describe('a declaration that differs from the migrations is found', () => {
  type Options = EntitySchema['options'];
  type Columns = Record<string, EntitySchemaColumnOptions>;
  const profile = () => files.get('profile')!;
  const options = (e: EntitySchema, patch: (o: Options) => Partial<Options>) => new EntitySchema({ ...e.options, ...patch(e.options) });
  const column = (e: EntitySchema, prop: string, patch: Partial<EntitySchemaColumnOptions>) =>
    options(e, (o) => ({ columns: { ...o.columns, [prop]: { ...(o.columns as Columns)[prop]!, ...patch } } }));
  const index = (e: EntitySchema, name: string, patch: object) =>
    options(e, (o) => ({ indices: o.indices!.map((i) => (i.name === name ? { ...i, ...patch } : i)) }));
  const replace = (entity: string, by: (e: EntitySchema) => EntitySchema) => {
    const list = profileEntities as EntitySchema[];
    if (!list.some((e) => e.options.name === entity)) throw new Error(`no entity ${entity}`);
    return list.map((e) => (e.options.name === entity ? by(e) : e));
  };

  it.each<[string, string, string, (e: EntitySchema) => EntitySchema]>([
    ['a column made nullable', 'Wallet', 'wallets', (e) => column(e, 'balance', { nullable: true })],
    ['a default changed', 'Order', 'orders', (e) => column(e, 'events', { default: '{}' })],
    ['a column type changed', 'LedgerEntry', 'ledger_entries', (e) => column(e, 'amount', { type: 'integer' })],
    ['a unique dropped', 'Instrument', 'instruments', (e) => column(e, 'symbol', { unique: false })],
    ['an AUTOINCREMENT dropped', 'Wallet', 'wallets', (e) => column(e, 'id', { generated: undefined })],
    ['an ON DELETE changed', 'Activity', 'activities', (e) => column(e, 'orderId', { foreignKey: { target: 'Order', onDelete: 'CASCADE' } })],
    ['a collation dropped', 'ImportPreset', 'import_presets', (e) => column(e, 'name', { collation: undefined })],
    ['WITHOUT ROWID dropped', 'Position', 'positions', (e) => options(e, () => ({ withoutRowid: false }))],
    ['a CHECK list shortened', 'HistoryDay', 'history_days', (e) => options(e, () => ({ checks: [{ expression: "(leg = 'cash' OR leg = 'to')" }] }))],
    ['an index’s columns reordered', 'Order', 'orders', (e) => index(e, 'idx_orders_live', { columns: ['symbol', 'state'] })],
    ['a partial index’s condition changed', 'Activity', 'activities', (e) => index(e, 'idx_history_type', { where: 'h_ready = 0' })],
    [
      'a column left out',
      'Currency',
      'currencies',
      (e) =>
        options(e, (o) => {
          const { builtin: _left, ...columns } = o.columns as Columns;
          return { columns };
        }),
    ],
  ])('%s', async (_what, entity, table, change) => {
    const d = await check(profile(), replace(entity, change));
    const found = [...touchedTables(d.upQueries, d.indexTables), ...d.mismatches.map((m) => m.split(/[.: ]/)[0]!)];
    expect(found).toContain(table);
  });

  it('a generated column’s expression changed', async () => {
    const context = { generated: { activities: { ...ACTIVITY_SORT_KEYS, h_note: `substr(COALESCE(note, ''), 1, 50)` } } };
    const d = await check(profile(), profileEntities, { context });
    expect(touchedTables(d.upQueries, d.indexTables)).toEqual(new Set(['activities']));
  });

  it('a table without an entity', async () => {
    const d = await check(profile(), (profileEntities as EntitySchema[]).filter((e) => e.options.name !== 'HistoryIndexed'));
    expect(d.undeclared).toEqual(['history_indexed']);
  });
});
