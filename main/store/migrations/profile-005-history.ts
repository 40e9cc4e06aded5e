import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outflow types: their positive `amount` leaves the wallet (shared/portfolio/activity.ts, main/activities/view.ts). */
export const OUTFLOW_TYPES_SQL = "('buy', 'withdrawal', 'fee', 'fx-exchange')";

/** Integer part of a plain positive decimal TEXT ("12.50" → 12, "1500" → 1500). Exact: no binary float anywhere. */
export function wholeSql(col: string): string {
  return `CAST(substr(${col}, 1, instr(${col} || '.', '.') - 1) AS INTEGER)`;
}

/** Fraction of a plain positive decimal TEXT scaled by 10^digits ("12.5" at 8 → 50000000); extra digits are cut. */
export function fractionSql(col: string, digits: number): string {
  return `CAST(substr(substr(${col}, instr(${col} || '.', '.') + 1) || '${'0'.repeat(digits)}', 1, ${digits}) AS INTEGER)`;
}

const SIGN = `(CASE WHEN type IN ${OUTFLOW_TYPES_SQL} THEN -1 ELSE 1 END)`;
/** A nullable positive decimal as two exact integer sort keys; a missing value sorts below every real one. */
const nullableWhole = (col: string) => `(CASE WHEN ${col} IS NULL THEN -1 ELSE ${wholeSql(col)} END)`;
const nullableFraction = (col: string, digits: number) => `(CASE WHEN ${col} IS NULL THEN 0 ELSE ${fractionSql(col, digits)} END)`;

/** The leg rows one activity adds to `history_days`: its cash side, an exchange's received side, a trade's fee. */
export const HISTORY_LEGS = [
  { leg: 'cash', currency: 'currency', amount: 'amount', when: '1' },
  { leg: 'to', currency: 'to_currency', amount: 'to_amount', when: 'to_amount IS NOT NULL AND to_currency IS NOT NULL' },
  { leg: 'fee', currency: 'currency', amount: 'fee', when: 'fee IS NOT NULL' },
] as const;

/** Rebuilds `history_days` from `activities` (the migration, and tests or benchmarks that seed rows by SQL). */
export const REBUILD_HISTORY_DAYS = [
  'DELETE FROM history_days',
  ...HISTORY_LEGS.map(
    (l) => `INSERT INTO history_days (date, currency, type, symbol, leg, entries, whole, frac_e8)
      SELECT date, ${l.currency}, type, COALESCE(symbol, ''), '${l.leg}', COUNT(*), SUM(${wholeSql(l.amount)}), SUM(${fractionSql(l.amount, 8)})
      FROM activities WHERE ${l.when} GROUP BY 1, 2, 3, 4`,
  ),
];

/**
 * The history list, its totals and the import (docs/design.md#history-export-and-import).
 *
 * - Sort keys as VIRTUAL generated columns (no storage in the table; the indexes hold them): amounts, quantities,
 *   prices and fees as two exact INTEGER keys each (whole part, scaled fraction; signed for amounts), so a sort is exact
 *   and a keyset row value `(key, date, rowid) < (?, ?, ?)` is an index seek. SQLite does not seek on row values of
 *   expressions, only of columns, hence columns rather than expression indexes.
 * - One index per sortable column, each ending in `date` so long runs of one key (a type, a currency) are still
 *   ordered by date and seekable. `(to_currency, date)` lets the currency filter also find an exchange's received side.
 * - `history_days`: exact per-day sums (whole part and fraction ×10^8, both INTEGER) of every cash leg, so the
 *   totals of a 1M-entry range read a few thousand rows instead of a million. Kept by the two places that insert
 *   activities (main/orders/accounts.ts insertActivity, main/services/wallets.ts) through main/history/days.ts, not
 *   by a trigger: any AFTER INSERT trigger on this table (even an empty one) makes SQLite keep a statement journal
 *   of every index page an insert touches, which costs more than the insert itself once the indexes are there.
 *   A test recomputes the table from `activities` after every kind of write.
 * - `ledger_entries (activity_id)`: the balance after each entry, joined per row.
 * - `import_presets`: the column mappings of broker CSVs, saved by name.
 */
export class History1763800000005 implements MigrationInterface {
  name = 'History1763800000005';

  async up(q: QueryRunner): Promise<void> {
    const add = (name: string, type: string, expr: string) => q.query(`ALTER TABLE activities ADD COLUMN ${name} ${type} GENERATED ALWAYS AS (${expr}) VIRTUAL`);
    await add('h_amount_whole', 'INTEGER', `${SIGN} * ${wholeSql('amount')}`);
    await add('h_amount_frac', 'INTEGER', `${SIGN} * ${fractionSql('amount', 8)}`);
    await add('h_quantity_whole', 'INTEGER', nullableWhole('quantity'));
    await add('h_quantity_frac', 'INTEGER', nullableFraction('quantity', 18));
    await add('h_price_whole', 'INTEGER', nullableWhole('price'));
    await add('h_price_frac', 'INTEGER', nullableFraction('price', 10));
    await add('h_fee_whole', 'INTEGER', nullableWhole('fee'));
    await add('h_fee_frac', 'INTEGER', nullableFraction('fee', 8));
    await add('h_symbol', 'TEXT', `COALESCE(symbol, '')`);
    // The first 40 characters: a note can be 500, and index entries that long spill to overflow pages, which makes
    // every insert of a long note slow. Notes sharing those 40 characters keep the date order.
    await add('h_note', 'TEXT COLLATE NOCASE', `substr(COALESCE(note, ''), 1, 40)`);

    await q.query(`CREATE INDEX idx_history_type ON activities (type, date)`);
    await q.query(`CREATE INDEX idx_history_currency ON activities (currency, date)`);
    await q.query(`CREATE INDEX idx_history_to_currency ON activities (to_currency, date) WHERE to_currency IS NOT NULL`);
    await q.query(`CREATE INDEX idx_history_symbol ON activities (h_symbol, date)`);
    await q.query(`CREATE INDEX idx_history_amount ON activities (h_amount_whole, h_amount_frac, date)`);
    await q.query(`CREATE INDEX idx_history_quantity ON activities (h_quantity_whole, h_quantity_frac, date)`);
    await q.query(`CREATE INDEX idx_history_price ON activities (h_price_whole, h_price_frac, date)`);
    await q.query(`CREATE INDEX idx_history_fee ON activities (h_fee_whole, h_fee_frac, date)`);
    await q.query(`CREATE INDEX idx_history_note ON activities (h_note, date)`);
    await q.query(`CREATE INDEX idx_ledger_activity ON ledger_entries (activity_id)`);

    await q.query(`CREATE TABLE history_days (
      date TEXT NOT NULL,
      currency TEXT NOT NULL,
      type TEXT NOT NULL,
      symbol TEXT NOT NULL,
      leg TEXT NOT NULL CHECK (leg IN ('cash', 'to', 'fee')),
      entries INTEGER NOT NULL,
      whole INTEGER NOT NULL,
      frac_e8 INTEGER NOT NULL,
      PRIMARY KEY (date, currency, type, symbol, leg)
    ) WITHOUT ROWID`);
    for (const sql of REBUILD_HISTORY_DAYS) await q.query(sql);

    await q.query(`CREATE TABLE import_presets (
      name TEXT PRIMARY KEY COLLATE NOCASE,
      mapping TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_presets`);
    await q.query(`DROP TABLE history_days`);
    for (const i of ['type', 'currency', 'to_currency', 'symbol', 'amount', 'quantity', 'price', 'fee', 'note']) await q.query(`DROP INDEX idx_history_${i}`);
    await q.query(`DROP INDEX idx_ledger_activity`);
    for (const c of ['h_amount_whole', 'h_amount_frac', 'h_quantity_whole', 'h_quantity_frac', 'h_price_whole', 'h_price_frac', 'h_fee_whole', 'h_fee_frac', 'h_symbol', 'h_note']) {
      await q.query(`ALTER TABLE activities DROP COLUMN ${c}`);
    }
  }
}
