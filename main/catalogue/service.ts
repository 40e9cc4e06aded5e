import type { ReadDb, WriteDb } from '../store/writer.js';
import type { CurrencyView, InstrumentView } from '../../shared/contract/catalogue.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';

const SQL = {
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

interface CurrencyRow {
  code: string;
  name: string;
  minor_unit: number;
  builtin: number;
  in_use: number;
}
interface InstrumentRow {
  id: number;
  symbol: string;
  name: string;
  asset_class: 'stock' | 'crypto';
  quote_currency: string;
  provider_symbols: string;
}

const toCurrency = (r: CurrencyRow): CurrencyView => ({ code: r.code, name: r.name, minorUnit: r.minor_unit, builtin: r.builtin === 1, inUse: r.in_use === 1 });
const toInstrument = (r: InstrumentRow): InstrumentView => ({
  id: r.id,
  symbol: r.symbol,
  name: r.name,
  assetClass: r.asset_class,
  quoteCurrency: r.quote_currency,
  providerSymbols: JSON.parse(r.provider_symbols) as Record<string, string>,
});

function traded(db: WriteDb, symbol: string): boolean {
  return (statements(db, SQL).instrumentTraded.get(symbol, symbol) as { traded: number }).traded === 1;
}

/** Looks a currency up in the profile's catalogue; inside `Writer.write` only. */
export function catalogueCurrency(db: ReadDb, code: string): Currency {
  const row = statements(db, SQL).plainCurrency.get(code) as Pick<CurrencyRow, 'code' | 'name' | 'minor_unit'> | undefined;
  if (!row) throw new AppError('UNKNOWN_CURRENCY', `${code} is not a currency in the catalogue.`, { currency: code });
  return { code: row.code, name: row.name, minorUnit: row.minor_unit };
}

/**
 * The profile's catalogue of currencies and instruments. A currency used by a wallet or an instrument cannot be
 * removed (or have its minor unit changed, which would reinterpret stored amounts); instrument symbols are unique.
 */
export class CatalogueService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    /** An instrument was added, changed or removed: sync and feed plan again. */
    private readonly usageChanged: () => void = () => undefined,
  ) {}

  currencies(): Promise<CurrencyView[]> {
    return this.store.writer.read((db) => (statements(db, SQL).currencies.all() as CurrencyRow[]).map(toCurrency));
  }

  currency(code: string): Promise<Currency> {
    return this.store.writer.read((db) => catalogueCurrency(db, code));
  }

  addCurrency(code: string, name: string, minorUnit: number): Promise<CurrencyView> {
    return this.store.writer.write((db) => {
      const sql = statements(db, SQL);
      if (sql.currency.get(code)) throw new AppError('DUPLICATE', `${code} is already in the catalogue.`, { code });
      sql.addCurrency.run(code, name, minorUnit);
      return toCurrency(sql.currency.get(code) as CurrencyRow);
    });
  }

  updateCurrency(code: string, patch: { name?: string; minorUnit?: number }): Promise<CurrencyView> {
    return this.store.writer.write((db) => {
      const sql = statements(db, SQL);
      const row = sql.currency.get(code) as CurrencyRow | undefined;
      if (!row) throw new AppError('NOT_FOUND', `${code} is not in the catalogue.`, { code });
      if (patch.minorUnit !== undefined && patch.minorUnit !== row.minor_unit && row.in_use) {
        throw new AppError('IN_USE', `${code} is in use: its minor unit cannot change.`, { code });
      }
      sql.updateCurrency.run(patch.name ?? null, patch.minorUnit ?? null, code);
      return toCurrency(sql.currency.get(code) as CurrencyRow);
    });
  }

  removeCurrency(code: string): Promise<{ code: string }> {
    return this.store.writer.write((db) => {
      const sql = statements(db, SQL);
      const row = sql.currency.get(code) as CurrencyRow | undefined;
      if (!row) throw new AppError('NOT_FOUND', `${code} is not in the catalogue.`, { code });
      if (row.in_use) throw new AppError('IN_USE', `${code} is used by a wallet or an instrument and cannot be removed.`, { code });
      sql.removeCurrency.run(code);
      return { code };
    });
  }

  instruments(): Promise<InstrumentView[]> {
    return this.store.writer.read((db) => (statements(db, SQL).instruments.all() as InstrumentRow[]).map(toInstrument));
  }

  instrumentBySymbol(symbol: string): Promise<InstrumentView | undefined> {
    return this.store.writer.read((db) => {
      const row = statements(db, SQL).instrumentBySymbol.get(symbol) as InstrumentRow | undefined;
      return row && toInstrument(row);
    });
  }

  async addInstrument(req: { symbol: string; name: string; assetClass: 'stock' | 'crypto'; quoteCurrency: string; providerSymbols?: Record<string, string> }): Promise<InstrumentView> {
    const at = this.now().toISOString();
    const done = await this.store.writer.write((db) => {
      const sql = statements(db, SQL);
      catalogueCurrency(db, req.quoteCurrency);
      if (sql.instrumentBySymbol.get(req.symbol)) throw new AppError('DUPLICATE', `${req.symbol} is already in the catalogue.`, { symbol: req.symbol });
      const { lastInsertRowid } = sql.addInstrument.run(req.symbol, req.name, req.assetClass, req.quoteCurrency, JSON.stringify(req.providerSymbols ?? {}), at, at);
      return toInstrument(sql.instrument.get(Number(lastInsertRowid)) as InstrumentRow);
    });
    this.usageChanged();
    return done;
  }

  async updateInstrument(req: { id: number; name?: string; quoteCurrency?: string; providerSymbols?: Record<string, string> }): Promise<InstrumentView> {
    const at = this.now().toISOString();
    const done = await this.store.writer.write((db) => {
      const sql = statements(db, SQL);
      const row = sql.instrument.get(req.id) as InstrumentRow | undefined;
      if (!row) throw new AppError('NOT_FOUND', 'No such instrument.', { id: req.id });
      if (req.quoteCurrency) catalogueCurrency(db, req.quoteCurrency);
      if (req.quoteCurrency && req.quoteCurrency !== row.quote_currency && traded(db, row.symbol)) {
        throw new AppError('IN_USE', `${row.symbol} has orders or activities in ${row.quote_currency}: its quote currency cannot change.`, { symbol: row.symbol });
      }
      sql.updateInstrument.run(req.name ?? null, req.quoteCurrency ?? null, req.providerSymbols ? JSON.stringify(req.providerSymbols) : null, at, req.id);
      return toInstrument(sql.instrument.get(req.id) as InstrumentRow);
    });
    this.usageChanged();
    return done;
  }

  async removeInstrument(id: number): Promise<{ id: number }> {
    const done = await this.store.writer.write((db) => {
      const sql = statements(db, SQL);
      const row = sql.instrument.get(id) as InstrumentRow | undefined;
      if (!row) throw new AppError('NOT_FOUND', 'No such instrument.', { id });
      if (traded(db, row.symbol)) throw new AppError('IN_USE', `${row.symbol} has orders or activities and cannot be removed.`, { symbol: row.symbol });
      sql.removeInstrument.run(id);
      return { id };
    });
    this.usageChanged();
    return done;
  }
}
