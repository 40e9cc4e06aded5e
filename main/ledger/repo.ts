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
