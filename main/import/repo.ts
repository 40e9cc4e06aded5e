/**
 * The import's statements: what it reads of the profile (activities, instruments, orders) and its saved presets. The
 * money rows go through the ledger's bulk path (main/ledger/bulk.ts), an imported fill's order through the order
 * domain (main/orders/booking.ts), the run's key through main/store/idempotency.ts.
 */

/** Checking rows against the profile, and the filled orders an imported Bourse file's fills belong to. */
export const CHECK_SQL = {
  exists: 'SELECT 1 FROM activities WHERE id = ?',
  any: 'SELECT 1 FROM activities LIMIT 1',
  instrument: 'SELECT asset_class FROM instruments WHERE symbol = ?',
  orderExists: 'SELECT 1 FROM orders WHERE id = ?',
  quote: 'SELECT quote_currency FROM instruments WHERE symbol = ?',
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
