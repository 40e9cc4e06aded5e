import type { MigrationInterface, QueryRunner } from 'typeorm';
import { listCurrencies } from '../../../shared/currencies.js';

/**
 * The profile's own catalogue: currencies (seeded with ISO 4217 from `currency-codes`, editable) and instruments
 * (stocks and crypto with the symbols each provider knows them by). Wallets already in use keep working: every
 * existing wallet currency is guaranteed a catalogue row.
 */
export class Catalogue1763800000003 implements MigrationInterface {
  name = 'Catalogue1763800000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE currencies (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      minor_unit INTEGER NOT NULL CHECK (minor_unit BETWEEN 0 AND 8),
      builtin INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID`);
    for (const c of listCurrencies()) {
      await q.query(`INSERT INTO currencies (code, name, minor_unit, builtin) VALUES (?, ?, ?, 1)`, [c.code, c.name, c.minorUnit]);
    }
    await q.query(
      `INSERT OR IGNORE INTO currencies (code, name, minor_unit, builtin) SELECT currency, currency, 2, 0 FROM wallets`,
    );
    await q.query(`CREATE TABLE instruments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      symbol TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      asset_class TEXT NOT NULL CHECK (asset_class IN ('stock', 'crypto')),
      quote_currency TEXT NOT NULL REFERENCES currencies(code) ON DELETE RESTRICT,
      provider_symbols TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE instruments`);
    await q.query(`DROP TABLE currencies`);
  }
}
