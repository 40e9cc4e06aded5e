import type { MigrationInterface, QueryRunner } from 'typeorm';
import { connectionOf } from '../data-source.js';

/** `col IN ('a', 'b', …)` as `(col = 'a' OR col = 'b' OR …)`: the same truth value for every input, NULL included. */
export function orChain(column: string, values: readonly (string | number)[]): string {
  return `(${values.map((v) => `${column} = ${typeof v === 'number' ? v : `'${v}'`}`).join(' OR ')})`;
}

const inList = (column: string, values: readonly (string | number)[]) =>
  `${column} IN (${values.map((v) => (typeof v === 'number' ? String(v) : `'${v}'`)).join(', ')})`;

/** Each table's IN lists as written by migrations 004–006, exactly as they appear in its stored CREATE TABLE text. */
const LISTS: Record<string, { column: string; values: (string | number)[] }[]> = {
  activities: [
    { column: 'type', values: ['buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange'] },
    { column: 'source', values: ['order', 'wallet', 'manual'] },
    // The sign of the amount sort key (profile-005-history.ts), in two generated columns.
    { column: 'type', values: ['buy', 'withdrawal', 'fee', 'fx-exchange'] },
    { column: 'h_ready', values: [0, 1] },
  ],
  orders: [{ column: 'state', values: ['pending', 'aggregating', 'open', 'filled', 'cancelled', 'rejected', 'failed'] }],
  history_days: [{ column: 'leg', values: ['cash', 'to', 'fee'] }],
};

/**
 * Append-only tables a trade writes three or four rows to. AUTOINCREMENT made each insert also read and rewrite
 * their counter in `sqlite_sequence` (one more page per trade); their rows are never deleted, so a plain INTEGER
 * PRIMARY KEY hands out the same increasing ids.
 */
const SEQUENCED = ['ledger_entries', 'order_events', 'fills'];
const AUTO = 'id INTEGER PRIMARY KEY AUTOINCREMENT';
const PLAIN = 'id INTEGER PRIMARY KEY';

/**
 * CHECK constraints and generated columns of the tables every trade, deposit and import row writes, with their
 * `IN (…)` lists written as OR chains. SQLite evaluates an IN list of more than two constants by building a temporary
 * table, once per statement run, so once per inserted row (EXPLAIN: an OpenEphemeral per list): a cost every trade,
 * deposit and imported row paid for each list.
 *
 * Only the stored schema text changes, by SQLite's documented procedure for changes that leave the file's content
 * as it is (writable_schema, schema_version + 1): the new expressions give the same value for every row, so every
 * stored row, CHECK and index entry stays valid. better-sqlite3 opens connections in defensive mode, which forbids
 * writing the schema; it is lifted for this migration only. A quick_check runs before the transaction commits.
 */
export class CheckLists1763800000007 implements MigrationInterface {
  name = 'CheckLists1763800000007';
  // Also: ledger_entries, order_events and fills without AUTOINCREMENT (SEQUENCED above), by the same procedure.

  async up(q: QueryRunner): Promise<void> {
    await rewrite(q, (sql, l) => replaceAll(sql, inList(l.column, l.values), orChain(l.column, l.values)), (sql) => replaceAll(sql, AUTO, PLAIN));
  }

  async down(q: QueryRunner): Promise<void> {
    await rewrite(q, (sql, l) => replaceAll(sql, orChain(l.column, l.values), inList(l.column, l.values)), (sql) => replaceAll(sql, PLAIN, AUTO));
  }
}

function replaceAll(sql: string, from: string, to: string): string {
  if (!sql.includes(from)) throw new Error(`schema text without ${from}`);
  return sql.split(from).join(to);
}

async function rewrite(
  q: QueryRunner,
  edit: (sql: string, list: { column: string; values: (string | number)[] }) => string,
  sequence: (sql: string) => string,
): Promise<void> {
  const db = connectionOf(q.connection);
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    for (const table of new Set([...Object.keys(LISTS), ...SEQUENCED])) {
      const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
      if (!row) throw new Error(`no table ${table}`);
      let sql = (LISTS[table] ?? []).reduce(edit, row.sql);
      if (SEQUENCED.includes(table)) sql = sequence(sql);
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?").run(sql, table);
    }
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`schema rewrite left the database inconsistent: ${String(check)}`);
}
