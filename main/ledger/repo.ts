/**
 * The statements that write money: wallets, ledger entries, positions, the activity log and its per-day totals
 * (main/store/migrations/profile-001, -004, -005, -011: wallets and positions per account). Nothing outside main/ledger/ writes these tables (a test reads
 * every module for it); other domains read them with their own queries.
 */

/** The head of an `activities` insert, its 17 columns in the order `insertActivity` binds them. */
export const ACTIVITY_INSERT =
  'INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, order_id, source, note, created_at, h_ready, account_id)';

/** The head of a `ledger_entries` insert, its 9 columns in the order `moveCash` binds them. */
export const ENTRY_INSERT = 'INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, note, created_at, order_id, activity_id, account_id)';

export const LEDGER_SQL = {
  wallet: 'SELECT id, balance, reserved FROM wallets WHERE account_id = ? AND currency = ?',
  /** A catalogue currency and an account's wallet in it (id null: none yet), in one read. */
  currencyWallet:
    'SELECT c.name, c.minor_unit, w.id, w.balance, w.reserved FROM currencies c LEFT JOIN wallets w ON w.account_id = ? AND w.currency = c.code WHERE c.code = ?',
  createWallet: 'INSERT INTO wallets (account_id, currency, balance, reserved, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  setWallet: 'UPDATE wallets SET balance = ?, reserved = ?, updated_at = ? WHERE id = ?',
  position: 'SELECT symbol, quantity, reserved FROM positions WHERE account_id = ? AND symbol = ?',
  upsertPosition:
    'INSERT INTO positions (account_id, symbol, quantity, reserved, updated_at) VALUES (?, ?, ?, ?, ?) ' +
    'ON CONFLICT(account_id, symbol) DO UPDATE SET quantity = excluded.quantity, reserved = excluded.reserved, updated_at = excluded.updated_at',
  insertEntry: `${ENTRY_INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  /** Positional: binding 16 named parameters costs more than the insert's own work. */
  insertActivity: `${ACTIVITY_INSERT} VALUES (${Array.from({ length: 17 }, () => '?').join(', ')})`,
};

/** The marker of a move between two accounts: each leg names the other (transfer-legs.ts). */
export const TRANSFER_SQL = {
  mark: 'UPDATE activities SET transfer_with = ? WHERE id = ? AND transfer_with IS NULL',
};

/**
 * The history indexer's watermark (profile-022): every activity up to this rowid is marked ready, so the rows still
 * pending (`h_ready = 0`) are among those after it. A scalar subquery, so a reader's `rowid > (…)` is a range seek.
 */
export const INDEXED_THROUGH = '(SELECT COALESCE(max(last_rowid), 0) FROM history_indexed)';

/** Marks hot-path activities ready for the history's sort indexes, a batch at a time (indexer.ts). */
export const INDEXER_SQL = {
  any: `SELECT 1 AS y FROM activities WHERE rowid > ${INDEXED_THROUGH} LIMIT 1`,
  /** The next batch after the watermark, in rowid order: its last rowid and its size. */
  batch: `SELECT max(rowid) AS last, count(*) AS n FROM (SELECT rowid FROM activities WHERE rowid > ${INDEXED_THROUGH} ORDER BY rowid LIMIT ?)`,
  mark: `UPDATE activities SET h_ready = 1 WHERE rowid > ${INDEXED_THROUGH} AND rowid <= ? AND h_ready = 0`,
  advance: 'INSERT INTO history_indexed (id, last_rowid) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_rowid = excluded.last_rowid',
};

const DAY_UPSERT =
  'INSERT INTO history_days (date, currency, type, symbol, leg, entries, whole, frac_e8) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ' +
  'ON CONFLICT (date, currency, type, symbol, leg) DO UPDATE SET entries = entries + 1, whole = whole + excluded.whole, frac_e8 = frac_e8 + excluded.frac_e8';
const DAY_ROW = '(?, ?, ?, ?, ?, 1, ?, ?)';
const dayUpsertRows = (n: number) => DAY_UPSERT.replace(`VALUES ${DAY_ROW}`, `VALUES ${Array.from({ length: n }, () => DAY_ROW).join(', ')}`);

/** Per-day totals (day-totals.ts): the upsert for 1, 2 or 3 legs in one statement run (a trade has two). */
export const DAY_TOTALS_SQL = {
  upsert: DAY_UPSERT,
  upsert2: dayUpsertRows(2),
  upsert3: dayUpsertRows(3),
  /** Sums held back for a whole import: one row per (day, currency, type, symbol, leg) with its count. */
  upsertMany: DAY_UPSERT.replace(`VALUES ${DAY_ROW}`, 'VALUES (?, ?, ?, ?, ?, ?, ?, ?)').replace('entries = entries + 1', 'entries = entries + excluded.entries'),
};

/**
 * Every table of a profile's money, children before parents (foreign keys are on): what a profile holds after its
 * activity, orders and idempotency records are gone is what a new profile holds. The catalogue (currencies,
 * instruments) and import presets stay.
 */
const CLEAR_ORDER = ['ledger_entries', 'aggregation_books', 'orders', 'activities', 'positions', 'wallets', 'history_days', 'history_indexed', 'idempotency_keys'] as const;

export const CLEAR_SQL = {
  countActivities: 'SELECT count(*) AS n FROM activities',
  deletes: CLEAR_ORDER.map((table) => `DELETE FROM ${table}`),
};
