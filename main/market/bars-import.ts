import { AppError } from '../../shared/errors.js';
import type { CatalogueService } from '../catalogue/service.js';
import type { Store } from '../store/data-source.js';
import { ingestBars } from './bars.js';
import { parseBarsCsv } from './bars-csv.js';

/** Daily closes a user imports from a CSV file for an instrument of the catalogue. */
export class BarsImport {
  constructor(
    private readonly market: Store,
    /** Stored closes of this symbol changed: the signed-in profile's portfolio reads them again. */
    private readonly changed: (symbol: string) => void,
  ) {}

  async importCsv(catalogue: CatalogueService, symbol: string, csv: string): Promise<{ rows: number; from: string | null; to: string | null }> {
    const instrument = await catalogue.instrumentBySymbol(symbol);
    if (!instrument) throw new AppError('NOT_FOUND', `${symbol} is not an instrument of the catalogue.`);
    const bars = parseBarsCsv(csv);
    await this.market.writer.write((db) => ingestBars(db, instrument.symbol, 'csv', instrument.quoteCurrency, bars));
    this.changed(instrument.symbol);
    return { rows: bars.length, from: bars[0]?.date ?? null, to: bars.at(-1)?.date ?? null };
  }
}
