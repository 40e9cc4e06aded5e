/**
 * The SQL of a history row, in a module of its own (no imports): the export's worker threads (export-part.ts)
 * bundle it without the rest of the history service.
 */

/**
 * The balance an entry left in its own wallet (its last ledger entry there). INDEXED BY: left alone, SQLite walks the
 * wallet's whole ledger per row.
 */
export const BALANCE_AFTER_SQL =
  '(SELECT e.balance_after FROM ledger_entries e INDEXED BY idx_ledger_activity JOIN wallets w ON w.id = e.wallet_id WHERE e.activity_id = a.id AND w.currency = a.currency ORDER BY e.id DESC LIMIT 1) AS balance_after';

/** The columns the export reads per row (after the rowid and sort keys); the benchmark's `sqlite3 -csv` yardstick reads the same. */
export const ROW_SQL = `a.id, a.date, a.type, a.symbol, a.quantity, a.price, a.fee, a.currency, a.amount, a.to_currency, a.to_amount, a.order_id, a.source, a.note, a.created_at, ${BALANCE_AFTER_SQL}, a.account_id, a.transfer_with`;

/** The profile's accounts as an export describes them (the rows name theirs; the JSON export lists them all). */
export const ACCOUNTS_SQL = 'SELECT id, name, kind, institution, cost_method FROM accounts ORDER BY created_at, name';
