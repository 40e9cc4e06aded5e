import type { CurrencyView, InstrumentView } from '../../shared/contract/catalogue.js';
import { findCurrency, type Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { catalogueCurrency, SQL, toCurrency, toInstrument, traded, type CurrencyRow, type InstrumentRow } from './repo.js';

/**
 * The profile's catalogue of currencies and instruments. A currency used by a wallet or an instrument cannot be
 * removed (or have its minor unit changed, which would reinterpret stored amounts); instrument symbols are unique.
 */
export class CatalogueService {
  /** The instruments as last read, for the search's every keystroke; this service is their only writer. */
  private listed: Promise<readonly InstrumentView[]> | undefined;

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

  /** The instruments, read once and kept until one is added, changed or removed (by this service, their only writer). */
  instrumentList(): Promise<readonly InstrumentView[]> {
    const list = (this.listed ??= this.instruments());
    list.catch(() => {
      if (this.listed === list) this.listed = undefined;
    });
    return list;
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
    this.listed = undefined;
    this.usageChanged();
    return done;
  }

  /**
   * A search result picked by the user: added with its provider symbols, and with its quote currency when the
   * catalogue lacks that ISO 4217 currency. An instrument already there keeps its own provider symbols and gains the
   * ones it lacked. One transaction: nothing is added when any part is refused.
   */
  async adoptInstrument(req: { symbol: string; name: string; assetClass: 'stock' | 'crypto'; quoteCurrency: string; providerSymbols?: Record<string, string> }): Promise<{ instrument: InstrumentView; added: boolean }> {
    const at = this.now().toISOString();
    const done = await this.store.writer.write((db) => {
      const sql = statements(db, SQL);
      const existing = sql.instrumentBySymbol.get(req.symbol) as InstrumentRow | undefined;
      if (existing) {
        const own = JSON.parse(existing.provider_symbols) as Record<string, string>;
        const merged = { ...req.providerSymbols, ...own };
        if (Object.keys(merged).length > Object.keys(own).length) sql.updateInstrument.run(null, null, JSON.stringify(merged), at, existing.id);
        return { instrument: toInstrument(sql.instrument.get(existing.id) as InstrumentRow), added: false };
      }
      if (!sql.plainCurrency.get(req.quoteCurrency)) {
        const iso = findCurrency(req.quoteCurrency);
        if (!iso) throw new AppError('UNKNOWN_CURRENCY', `${req.quoteCurrency} is not an ISO 4217 currency.`, { currency: req.quoteCurrency });
        sql.addCurrency.run(iso.code, iso.name, iso.minorUnit);
      }
      const { lastInsertRowid } = sql.addInstrument.run(req.symbol, req.name, req.assetClass, req.quoteCurrency, JSON.stringify(req.providerSymbols ?? {}), at, at);
      return { instrument: toInstrument(sql.instrument.get(Number(lastInsertRowid)) as InstrumentRow), added: true };
    });
    this.listed = undefined;
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
    this.listed = undefined;
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
    this.listed = undefined;
    this.usageChanged();
    return done;
  }
}
