import type { CurrencyView, InstrumentView } from '../../shared/contract/catalogue.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';

export const SQL = {
  currencies:
    'SELECT c.code, c.name, c.minor_unit, c.builtin, ' +
    '(EXISTS (SELECT 1 FROM wallets w WHERE w.currency = c.code) OR EXISTS (SELECT 1 FROM instruments i WHERE i.quote_currency = c.code)) AS in_use ' +
    'FROM currencies c ORDER BY c.code',
  currency:
    'SELECT c.code, c.name, c.minor_unit, c.builtin, ' +
    '(EXISTS (SELECT 1 FROM wallets w WHERE w.currency = c.code) OR EXISTS (SELECT 1 FROM instruments i WHERE i.quote_currency = c.code)) AS in_use ' +
    'FROM currencies c WHERE c.code = ?',
  /** What money code needs (every order and deposit asks): without `in_use`, which scans the instruments. */
  plainCurrency: 'SELECT code, name, minor_unit FROM currencies WHERE code = ?',
  addCurrency: 'INSERT INTO currencies (code, name, minor_unit, builtin) VALUES (?, ?, ?, 0)',
  updateCurrency: 'UPDATE currencies SET name = COALESCE(?, name), minor_unit = COALESCE(?, minor_unit) WHERE code = ?',
  removeCurrency: 'DELETE FROM currencies WHERE code = ?',
  instruments: 'SELECT * FROM instruments ORDER BY symbol',
  instrument: 'SELECT * FROM instruments WHERE id = ?',
  instrumentBySymbol: 'SELECT * FROM instruments WHERE symbol = ?',
  addInstrument:
    'INSERT INTO instruments (symbol, name, asset_class, quote_currency, provider_symbols, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  updateInstrument:
    'UPDATE instruments SET name = COALESCE(?, name), quote_currency = COALESCE(?, quote_currency), provider_symbols = COALESCE(?, provider_symbols), updated_at = ? WHERE id = ?',
  removeInstrument: 'DELETE FROM instruments WHERE id = ?',
  // Traded or recorded: its orders and activities name it, and their amounts are in its quote currency.
  instrumentTraded:
    'SELECT (EXISTS (SELECT 1 FROM orders WHERE symbol = ?) OR EXISTS (SELECT 1 FROM activities WHERE h_symbol = ?)) AS traded',
};

export interface CurrencyRow {
  code: string;
  name: string;
  minor_unit: number;
  builtin: number;
  in_use: number;
}
export interface InstrumentRow {
  id: number;
  symbol: string;
  name: string;
  asset_class: 'stock' | 'crypto';
  quote_currency: string;
  provider_symbols: string;
}

export const toCurrency = (r: CurrencyRow): CurrencyView => ({ code: r.code, name: r.name, minorUnit: r.minor_unit, builtin: r.builtin === 1, inUse: r.in_use === 1 });
export const toInstrument = (r: InstrumentRow): InstrumentView => ({
  id: r.id,
  symbol: r.symbol,
  name: r.name,
  assetClass: r.asset_class,
  quoteCurrency: r.quote_currency,
  providerSymbols: JSON.parse(r.provider_symbols) as Record<string, string>,
});

export function traded(db: ReadDb, symbol: string): boolean {
  return (statements(db, SQL).instrumentTraded.get(symbol, symbol) as { traded: number }).traded === 1;
}

/** Looks a currency up in the profile's catalogue; inside `Writer.write` only. */
export function catalogueCurrency(db: ReadDb, code: string): Currency {
  const row = statements(db, SQL).plainCurrency.get(code) as Pick<CurrencyRow, 'code' | 'name' | 'minor_unit'> | undefined;
  if (!row) throw new AppError('UNKNOWN_CURRENCY', `${code} is not a currency in the catalogue.`, { currency: code });
  return { code: row.code, name: row.name, minorUnit: row.minor_unit };
}

/** An instrument of the catalogue by its symbol, or undefined. */
export function instrumentBySymbol(db: ReadDb, symbol: string): InstrumentView | undefined {
  const row = statements(db, SQL).instrumentBySymbol.get(symbol) as InstrumentRow | undefined;
  return row ? toInstrument(row) : undefined;
}
