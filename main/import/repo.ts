/**
 * The import's statements: what it reads of the profile (activities, instruments, orders, presets, the run's
 * idempotency record) and the order and fill rows it recreates for fills imported from a Bourse file. The money rows
 * themselves go through the ledger's bulk path (main/ledger/bulk.ts).
 */

/** Checking rows against the profile, and the filled orders an imported Bourse file's fills belong to. */
export const CHECK_SQL = {
  exists: 'SELECT 1 FROM activities WHERE id = ?',
  any: 'SELECT 1 FROM activities LIMIT 1',
  instrument: 'SELECT asset_class FROM instruments WHERE symbol = ?',
  orderExists: 'SELECT 1 FROM orders WHERE id = ?',
  insertOrder:
    "INSERT INTO orders (id, symbol, asset_class, side, type, quantity, currency, state, reserved, filled_quantity, average_price, gross, fee, total, venue, created_at, updated_at, events) " +
    "VALUES (?, ?, ?, ?, 'market', ?, ?, 'filled', '0', ?, ?, ?, ?, ?, 'import', ?, ?, json_array(json_object('state', 'filled', 'note', 'Imported from a Bourse history file', 'at', ?)))",
  fill: "INSERT INTO fills (order_id, quantity, price, gross, fee, venue_order_id, created_at) VALUES (?, ?, ?, ?, ?, 'import', ?)",
  quote: 'SELECT quote_currency FROM instruments WHERE symbol = ?',
};

/** The whole run's idempotency record (its request hash covers the mapping's nested fields). */
export const RUN_SQL = {
  findKey: 'SELECT channel, request_hash, response FROM idempotency_keys WHERE key = ?',
  recordKey: 'INSERT INTO idempotency_keys (key, channel, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
};

/** Mappings saved by name. */
export const PRESET_SQL = {
  presets: 'SELECT name, mapping, updated_at FROM import_presets ORDER BY name COLLATE NOCASE',
  savePreset:
    'INSERT INTO import_presets (name, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name, mapping = excluded.mapping, updated_at = excluded.updated_at',
  deletePreset: 'DELETE FROM import_presets WHERE name = ?',
};

/** Every instrument of the catalogue with its quote currency, for matching a file's references. */
export const INSTRUMENTS_SQL = { all: 'SELECT symbol, quote_currency AS quote FROM instruments' };
