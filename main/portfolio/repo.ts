/**
 * The portfolio's reads: the activity log, the catalogue and wallets of the profile database, the closes and rates of
 * the market database. The load-*.ts modules turn their rows (mostly packed strings) into the engine's inputs.
 */

const ACTIVITY_COLUMNS = 'rowid, id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, transfer_with, account_id';
export const ACTIVITY_FIELDS = 14;
// NULL as STX (char 2) so that every row has all its fields; fields separated by US, rows by RS.
const PACKED_FIELDS = ACTIVITY_COLUMNS.split(', ')
  .map((c) => (c === 'rowid' ? 'rid' : `ifnull(${c}, char(2))`))
  .join(', ');
/** The activity log in computeSnapshot's order (load-activities.ts decodes the packed form). */
export const ACTIVITY_SQL = {
  all: `SELECT ${ACTIVITY_COLUMNS} FROM activities ORDER BY date, rowid`,
  // The whole log as one string: a fraction of the cost of one row object per activity (better-sqlite3 builds an
  // object and 12 values per row). The subquery's order is kept: SQLite does not flatten a subquery with
  // ORDER BY into an aggregate.
  packed: `SELECT group_concat(concat_ws(char(31), ${PACKED_FIELDS}), char(30)) FROM (SELECT rowid AS rid, ${ACTIVITY_COLUMNS.slice('rowid, '.length)} FROM activities ORDER BY date, rowid)`,
  since: `SELECT ${ACTIVITY_COLUMNS} FROM activities WHERE rowid > ? ORDER BY rowid`,
  last: 'SELECT COALESCE(MAX(rowid), 0) AS last FROM activities',
};

const BARS_WHERE =
  "WHERE symbol = ? AND currency = ? AND date <= ? AND date >= COALESCE((SELECT MAX(date) FROM daily_bars WHERE symbol = ? AND currency = ? AND date <= ?), '')";
/** Closes and rates from the market database (load-prices.ts). */
export const PRICE_SQL = {
  // One string per instrument (date, close, source per row, in date order): much cheaper than a row object each,
  // which matters at thousands of closes × hundreds of instruments. Separators are ASCII RS/US, which no date, decimal
  // or source id has. The rows come ordered from a subquery (the primary key's order, so no sort): SQLite does not
  // flatten a subquery with ORDER BY into an aggregate, and group_concat(... ORDER BY ...) sorts again, which costs a
  // sort of every close read. The order is checked anyway (packed-series.ts refuses unsorted rows) and the aggregate's
  // own ORDER BY is the fallback.
  bars: `SELECT group_concat(date || close || char(31) || source, char(30)) FROM (SELECT date, close, source FROM daily_bars ${BARS_WHERE} ORDER BY date, source)`,
  barsSorted: `SELECT group_concat(date || close || char(31) || source, char(30) ORDER BY date, source) FROM daily_bars ${BARS_WHERE}`,
  barCount: 'SELECT COUNT(*) AS n FROM daily_bars',
  rateCount: 'SELECT COUNT(*) AS n FROM fx_rates',
};

/** A snapshot by account and date (by-account.ts): the cash up to a day (the lots come from main/lots/). */
export const BY_ACCOUNT_SQL = {
  // Every ledger entry dated by its activity (an entry of the first versions without one, by when it was made).
  cash: `SELECT e.account_id, w.currency, e.amount FROM ledger_entries e JOIN wallets w ON w.id = e.wallet_id
    LEFT JOIN activities a ON a.id = e.activity_id WHERE COALESCE(a.date, substr(e.created_at, 1, 10)) <= ?`,
  // No entry is dated later than this by that same rule ('' for an empty log): the latest activity (with cash or
  // not) or the latest entry without one.
  latestEntryDate: `SELECT max(COALESCE((SELECT max(date) FROM activities), ''),
    COALESCE((SELECT max(substr(created_at, 1, 10)) FROM ledger_entries WHERE activity_id IS NULL), ''))`,
  // The same sums when no entry is dated after the day: each wallet that has entries, at its balance.
  walletCash: `SELECT w.account_id, w.currency, w.balance AS amount FROM wallets w
    WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e.wallet_id = w.id)`,
};

/** The catalogue and wallets (load-profile.ts). */
export const PROFILE_SQL = {
  instruments: 'SELECT symbol, name, asset_class AS assetClass, quote_currency AS quoteCurrency FROM instruments',
  currencies: 'SELECT code, minor_unit AS minorUnit FROM currencies',
  wallets: 'SELECT currency, balance, reserved FROM wallets ORDER BY currency',
  // The same columns as one string each (fields by US, rows by RS; NULL as STX): what CatalogueCache compares.
  instrumentsPacked: `SELECT group_concat(concat_ws(char(31), ifnull(symbol, char(2)), ifnull(name, char(2)), ifnull(asset_class, char(2)), ifnull(quote_currency, char(2))), char(30)) FROM instruments`,
  currenciesPacked: `SELECT group_concat(concat_ws(char(31), ifnull(code, char(2)), ifnull(minor_unit, char(2))), char(30)) FROM currencies`,
};

/** The kept snapshot (kept.ts, migration profile-016) and what its fingerprint is made of. */
export const KEPT_SQL = {
  get: 'SELECT inputs, last_rowid AS lastRowid, computed_at AS computedAt, snapshot FROM kept_snapshots WHERE kind = ?',
  put: `INSERT INTO kept_snapshots (kind, inputs, last_rowid, computed_at, snapshot) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(kind) DO UPDATE SET inputs = excluded.inputs, last_rowid = excluded.last_rowid,
    computed_at = excluded.computed_at, snapshot = excluded.snapshot`,
  lastActivity: "SELECT rowid AS last, id FROM activities ORDER BY rowid DESC LIMIT 1",
  migration: 'SELECT COALESCE(MAX(timestamp), 0) AS t FROM migrations',
  accountsPacked: `SELECT group_concat(concat_ws(char(31), id, cost_method), char(30)) AS v FROM (SELECT id, cost_method FROM accounts ORDER BY id)`,
  walletsPacked: `SELECT group_concat(concat_ws(char(31), account_id, currency, balance, ifnull(reserved, char(2))), char(30)) AS v
    FROM (SELECT account_id, currency, balance, reserved FROM wallets ORDER BY account_id, currency)`,
};
